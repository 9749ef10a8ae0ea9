//! The architecture as the cost model sees it (stores, flows, remedies), built from the analysis
//! context, changed by the findings' typed changes, and costed: overhead, seed table, diagram.

use std::collections::{HashMap, HashSet};

use catalog::{Catalog, Category, StoreType, model::Deployment, units::Bytes};
use workload::{Role, Via};

use super::{
    CategoryHours, InteractionCost, InteractionKind, LineageCost, Overhead, StoreOverhead, ViaCounts, fleet_factor,
    flow, store_hours,
    table::{SeedTable, half_weeks},
};
use crate::{
    change::Change,
    context::Context,
    estimate::{Estimate, round2},
    format::{num, num2},
    report::{ArchFlow, ArchStore, Architecture, Status},
};

/// The midpoint of a store type's indicative monthly price.
pub(crate) fn price_mid(kind: Option<&StoreType>) -> f64 {
    kind.map_or(0.0, |k| k.price.usd_per_month.as_f64().mid())
}

/// The indicative monthly price as a range.
pub(crate) fn price_range(kind: &StoreType) -> Estimate {
    let p = kind.price.usd_per_month.as_f64();
    Estimate::new(p.lo, p.hi)
}

#[derive(Debug, Clone)]
struct Node<'c> {
    id: String,
    kind: Option<&'c StoreType>,
    type_id: String,
    role: Role,
    size: Option<Bytes>,
    infra: f64,
    /// Shards × replicas, or nodes, beyond one deployment (1.0 for one).
    fleet: f64,
    /// Hours a month the team states it spends, replacing the model's.
    measured_hours: Option<f64>,
    extra: CategoryHours,
    remedies: Vec<String>,
    status: Status,
}

impl Node<'_> {
    fn active(&self) -> bool {
        self.status != Status::Removed
    }

    /// Its hours per category: the team's stated hours (split as the catalog splits them), else
    /// the catalog's at its size and fleet; plus remedies.
    fn hours(&self) -> CategoryHours {
        let mut hours = self.kind.map(|k| store_hours(k, self.size)).unwrap_or_default();
        let model = hours.total();
        let scale = match self.measured_hours {
            Some(m) if model > 0.0 => m / model,
            Some(_) | None => fleet_factor(self.fleet),
        };
        let mut scaled = CategoryHours::default();
        for c in Category::ALL {
            scaled.add(c, hours.get(c) * scale);
        }
        if let (Some(m), true) = (self.measured_hours, model <= 0.0) {
            scaled.add(Category::Deployment, m);
        }
        hours = scaled;
        hours.add_all(&self.extra);
        hours
    }
}

#[derive(Debug, Clone, Copy)]
struct Edge {
    from: usize,
    to: usize,
    via: Via,
    status: Status,
}

impl Edge {
    fn active(&self) -> bool {
        self.status != Status::Removed
    }
}

/// Stores and flows, with what the recommendations did to each.
#[derive(Debug, Clone)]
pub(crate) struct Arch<'c> {
    catalog: &'c Catalog,
    nodes: Vec<Node<'c>>,
    edges: Vec<Edge>,
    index: HashMap<String, usize>,
    /// Per store, the flows that touch it or ever did (by index; a flow whose `from` moved stays
    /// listed at its old end): walking a lineage reads these, not every flow.
    touching: Vec<Vec<usize>>,
    primary: Option<usize>,
    /// (type, fed from) of stores already added, so one store serves several recommendations.
    added: HashMap<(String, usize), usize>,
}

impl<'c> Arch<'c> {
    /// The architecture as the file describes it.
    pub(crate) fn current(cx: &Context<'c>) -> Self {
        let nodes: Vec<Node<'c>> = cx
            .stores
            .iter()
            .map(|s| {
                let shards = f64::from(s.store.shards.as_ref().map_or(1, |v| v.value.max(1)));
                let replicas = f64::from(s.replicas());
                let nodes = f64::from(s.store.nodes.as_ref().map_or(1, |v| v.value.max(1)));
                // The catalog's hours and price are for one small HA deployment: a primary with a
                // replica, or a three-node cluster.
                let fleet = (shards * (1.0 + replicas.max(1.0)) / 2.0).max(nodes / 3.0).max(1.0);
                Node {
                    id: s.id().to_string(),
                    kind: s.kind,
                    type_id: s.kind.map_or_else(|| s.store.kind.value.clone(), |k| k.id.clone()),
                    role: s.role(),
                    size: s.store.size.map(|b| Bytes(b.0 / shards)),
                    infra: s
                        .store
                        .monthly_cost_usd
                        .filter(|c| c.is_finite() && *c >= 0.0)
                        .unwrap_or_else(|| price_mid(s.kind) * fleet),
                    fleet,
                    measured_hours: s.store.ops_hours.as_ref().map(|h| h.value.per_sec() * 2_592_000.0),
                    extra: CategoryHours::default(),
                    remedies: s.store.remedies_in_place.iter().map(|r| r.value.clone()).collect(),
                    status: Status::Kept,
                }
            })
            .collect();
        let mut index = HashMap::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            index.entry(n.id.clone()).or_insert(i);
        }
        let touching = vec![Vec::new(); nodes.len()];
        let mut arch = Arch {
            catalog: cx.catalog,
            nodes,
            edges: Vec::new(),
            index,
            touching,
            primary: cx.primary.or(cx.baseline),
            added: HashMap::new(),
        };
        for f in &cx.flows {
            if let Some(from) = f.from {
                arch.push_edge(Edge { from, to: f.to, via: f.via(), status: Status::Kept });
            }
        }
        arch
    }

    /// Applies one recommended change.
    pub(crate) fn apply(&mut self, change: &Change) {
        match change {
            Change::ChangeFlow { store, from, was, via, was_from, .. } => {
                let (Some(&to), Some(&src)) = (self.index.get(store), self.index.get(from)) else { return };
                let old_from = was_from.as_ref().and_then(|f| self.index.get(f).copied());
                let found = self
                    .edges
                    .iter()
                    .position(|e| e.active() && e.to == to && e.via == *was && old_from.is_none_or(|f| e.from == f));
                match found {
                    Some(e) => {
                        if let Some(edge) = self.edges.get_mut(e) {
                            edge.from = src;
                            edge.via = *via;
                            edge.status = Status::Changed;
                        }
                        self.touch(src, e);
                    }
                    None => self.push_edge(Edge { from: src, to, via: *via, status: Status::Added }),
                }
            }
            Change::ApplyRemedy { store, remedy, added_hours, .. } => {
                if let Some(&i) = self.index.get(store) {
                    self.add_remedy(i, remedy, *added_hours);
                }
            }
            Change::AddStore { id, store_type, from, via, size_bytes, .. } => {
                let Some(&f) = self.index.get(from) else { return };
                if let Some(&existing) = self.added.get(&(store_type.clone(), f)) {
                    self.index.entry(id.clone()).or_insert(existing);
                    return;
                }
                let kind = self.catalog.store(store_type);
                let i = self.nodes.len();
                self.nodes.push(Node {
                    id: id.clone(),
                    kind,
                    type_id: store_type.clone(),
                    role: Role::Derived,
                    size: size_bytes.map(Bytes),
                    infra: price_mid(kind),
                    fleet: 1.0,
                    measured_hours: None,
                    extra: CategoryHours::default(),
                    remedies: Vec::new(),
                    status: Status::Added,
                });
                self.touching.push(Vec::new());
                self.added.insert((store_type.clone(), f), i);
                self.index.entry(id.clone()).or_insert(i);
                self.push_edge(Edge { from: f, to: i, via: *via, status: Status::Added });
            }
            Change::MoveWorkload { .. } => {}
            Change::ReplaceStore { store, store_type } => {
                let Some(&s) = self.index.get(store) else { return };
                let kind = self.catalog.store(store_type);
                if let Some(n) = self.nodes.get_mut(s) {
                    n.kind = kind;
                    n.type_id.clone_from(store_type);
                    n.infra = price_mid(kind);
                    n.measured_hours = None;
                    n.fleet = 1.0;
                    n.status = Status::Changed;
                }
            }
            Change::RemoveStore { store, into, remedies, moved_bytes } => {
                let (Some(&s), Some(&into)) = (self.index.get(store), self.index.get(into)) else { return };
                if s == into || self.nodes.get(s).is_none_or(|n| !n.active()) {
                    return;
                }
                if let Some(n) = self.nodes.get_mut(s) {
                    n.status = Status::Removed;
                }
                let mut moved = Vec::new();
                for (i, edge) in self.edges.iter_mut().enumerate() {
                    if !edge.active() {
                        continue;
                    }
                    if edge.to == s || (edge.from == s && edge.to == into) {
                        edge.status = Status::Removed;
                    } else if edge.from == s {
                        edge.from = into;
                        edge.status = Status::Changed;
                        moved.push(i);
                    }
                }
                for e in moved {
                    self.touch(into, e);
                }
                for (remedy, hours) in remedies {
                    self.add_remedy(into, remedy, *hours);
                }
                if let (Some(moved), Some(n)) = (moved_bytes, self.nodes.get_mut(into)) {
                    n.size = Some(Bytes(n.size.map_or(0.0, |b| b.0) + moved));
                }
            }
        }
    }

    fn push_edge(&mut self, edge: Edge) {
        let e = self.edges.len();
        self.touch(edge.from, e);
        self.touch(edge.to, e);
        self.edges.push(edge);
    }

    fn touch(&mut self, node: usize, edge: usize) {
        if let Some(list) = self.touching.get_mut(node)
            && !list.contains(&edge)
        {
            list.push(edge);
        }
    }

    fn add_remedy(&mut self, store: usize, remedy: &str, hours: f64) {
        let category = self.catalog.remedy(remedy).map_or(Category::Monitoring, |k| k.category);
        if let Some(n) = self.nodes.get_mut(store)
            && !n.remedies.iter().any(|r| r == remedy)
        {
            n.remedies.push(remedy.to_string());
            n.extra.add(category, hours.max(0.0));
        }
    }

    /// Removes pipelines left with nothing to feed after the other changes.
    pub(crate) fn finish(&mut self) {
        let mut had_out = vec![false; self.nodes.len()];
        let mut has_out = vec![false; self.nodes.len()];
        for e in &self.edges {
            if let Some(h) = had_out.get_mut(e.from) {
                *h = true;
            }
            if e.active()
                && let Some(h) = has_out.get_mut(e.from)
            {
                *h = true;
            }
        }
        let mut orphaned = HashSet::new();
        for (i, n) in self.nodes.iter_mut().enumerate() {
            if n.active() && n.role == Role::Pipeline && had_out.get(i) == Some(&true) && has_out.get(i) == Some(&false)
            {
                n.status = Status::Removed;
                orphaned.insert(i);
            }
        }
        for e in &mut self.edges {
            if e.active() && orphaned.contains(&e.to) {
                e.status = Status::Removed;
            }
        }
    }

    /// Lineages of the active stores: each store's lineage index, and each lineage's size and flows.
    fn lineages(&self) -> (Vec<usize>, Vec<(usize, ViaCounts)>) {
        let active: Vec<(usize, usize)> = self.edges.iter().filter(|e| e.active()).map(|e| (e.from, e.to)).collect();
        let (of, count) =
            crate::graph::lineages(self.nodes.len(), active, |i| self.nodes.get(i).is_some_and(Node::active));
        let mut lineages = vec![(0, ViaCounts::default()); count];
        for &l in &of {
            if let Some(entry) = lineages.get_mut(l) {
                entry.0 += 1;
            }
        }
        for e in self.edges.iter().filter(|e| e.active()) {
            if let Some(entry) = of.get(e.from).and_then(|&l| lineages.get_mut(l)) {
                entry.1.add(e.via, 1);
            }
        }
        (of, lineages)
    }

    /// Hours and dollars per month, per store and interaction.
    pub(crate) fn overhead(&self, hourly: f64, single_hours: f64) -> Overhead {
        let mut by_category = CategoryHours::default();
        let mut by_store = Vec::new();
        let mut store_total = 0.0;
        let mut infra = 0.0;
        for n in self.nodes.iter().filter(|n| n.active()) {
            let hours = n.hours();
            let total = hours.total();
            by_category.add_all(&hours);
            store_total += total;
            infra += n.infra;
            by_store.push(StoreOverhead {
                id: n.id.clone(),
                store_type: n.type_id.clone(),
                hours: hours.rounded(),
                total: round2(total),
                size_factor: round2(n.kind.map_or(1.0, |k| k.ops.size_factor(n.size))),
                measured: n.measured_hours.is_some(),
                usd_per_month: round2(n.infra),
            });
        }
        let (lineage_of, lineages) = self.lineages();
        let mut interactions = Vec::new();
        let mut interaction_total = 0.0;
        for e in self.edges.iter().filter(|e| e.active()) {
            let Some(p) = flow(self.catalog, e.via) else { continue };
            for (&c, share) in &p.upkeep_split {
                by_category.add(c, p.upkeep_hours * share);
            }
            interaction_total += p.upkeep_hours;
            interactions.push(InteractionCost {
                kind: InteractionKind::Flow,
                subjects: vec![self.id(e.from), self.id(e.to)],
                via: Some(e.via),
                hours: p.upkeep_hours,
                detail: format!("keeping the {} flow running (estimate)", e.via.as_str()),
            });
        }
        let mut members: Vec<Vec<String>> = vec![Vec::new(); lineages.len()];
        for (i, &l) in lineage_of.iter().enumerate() {
            if let Some(m) = members.get_mut(l) {
                m.push(self.id(i));
            }
        }
        for ((n, counts), subjects) in lineages.iter().zip(members) {
            if *n < 2 {
                continue;
            }
            let cost = LineageCost::of(self.catalog, *n, counts);
            by_category.add(Category::Consistency, cost.shared + cost.incidents);
            interaction_total += cost.shared + cost.incidents;
            interactions.push(InteractionCost {
                kind: InteractionKind::SharedData,
                subjects: subjects.clone(),
                via: None,
                hours: round2(cost.shared),
                detail: format!(
                    "{} pairs of stores sharing data × {} h (estimate)",
                    cost.pairs,
                    num(super::SHARED_DATA_HOURS_PER_PAIR)
                ),
            });
            let diagnosis = cost.diagnosis.unwrap_or_default();
            interactions.push(InteractionCost {
                kind: InteractionKind::Incidents,
                subjects,
                via: None,
                hours: round2(cost.incidents),
                detail: format!(
                    "{}..{} inconsistencies/month × {}..{} h to diagnose (midpoints multiplied)",
                    num2(cost.issues.lo),
                    num2(cost.issues.hi),
                    num2(diagnosis.lo),
                    num2(diagnosis.hi)
                ),
            });
        }
        let hours = store_total + interaction_total;
        let people = hours * hourly;
        Overhead {
            hours_per_month: round2(hours),
            store_hours_per_month: round2(store_total),
            interaction_hours_per_month: round2(interaction_total),
            infrastructure_usd_per_month: round2(infra),
            people_usd_per_month: round2(people),
            usd_per_month: round2(infra + people),
            hourly_cost_usd: round2(hourly),
            single_hours_per_month: round2(single_hours),
            x_single: if single_hours > 0.0 { round2(hours / single_hours) } else { 0.0 },
            by_store,
            interactions,
            by_category: by_category.rounded(),
        }
    }

    /// The stores a change names (existing ones), by index.
    fn named(&self, change: &Change) -> Vec<usize> {
        let names: Vec<&String> = match change {
            Change::ChangeFlow { store, from, was_from, .. } => {
                std::iter::once(store).chain(std::iter::once(from)).chain(was_from.iter()).collect()
            }
            Change::ApplyRemedy { store, .. } | Change::ReplaceStore { store, .. } => vec![store],
            Change::AddStore { id, from, .. } => vec![id, from],
            Change::MoveWorkload { from, to, .. } => vec![from, to],
            Change::RemoveStore { store, into, .. } => vec![store, into],
        };
        names.into_iter().filter_map(|n| self.index.get(n).copied()).collect()
    }

    /// The stores in the lineages of `seeds` (connected to them by active flows), sorted.
    fn around(&self, seeds: &[usize]) -> Vec<usize> {
        let mut seen: HashSet<usize> = HashSet::new();
        let mut stack: Vec<usize> = seeds.to_vec();
        while let Some(n) = stack.pop() {
            if !seen.insert(n) {
                continue;
            }
            for e in self.touching.get(n).into_iter().flatten().filter_map(|&e| self.edges.get(e)) {
                if e.active() && (e.from == n || e.to == n) {
                    stack.push(if e.from == n { e.to } else { e.from });
                }
            }
        }
        let mut members: Vec<usize> = seen.into_iter().collect();
        members.sort_unstable();
        members
    }

    /// Hours and infrastructure dollars per month of the stores in `within` (sorted, whole
    /// lineages) and the flows and lineages among them: the same sums as [`Arch::overhead`], for
    /// part of the architecture.
    fn totals_within(&self, within: &[usize]) -> (f64, f64) {
        let pos = |i: usize| within.binary_search(&i).ok();
        let mut hours = 0.0;
        let mut infra = 0.0;
        for n in within.iter().filter_map(|&i| self.nodes.get(i)).filter(|n| n.active()) {
            hours += n.hours().total();
            infra += n.infra;
        }
        let mut edges: Vec<usize> = within
            .iter()
            .flat_map(|&n| self.touching.get(n).into_iter().flatten().copied())
            .filter(|&e| self.edges.get(e).is_some_and(|e| e.active() && pos(e.from).is_some()))
            .collect();
        edges.sort_unstable();
        edges.dedup();
        let edges: Vec<&Edge> = edges.iter().filter_map(|&e| self.edges.get(e)).collect();
        for e in &edges {
            hours += flow(self.catalog, e.via).map_or(0.0, |p| p.upkeep_hours);
        }
        let (of, count) =
            crate::graph::lineages(within.len(), edges.iter().filter_map(|e| Some((pos(e.from)?, pos(e.to)?))), |p| {
                within.get(p).and_then(|&i| self.nodes.get(i)).is_some_and(Node::active)
            });
        let mut lineages = vec![(0, ViaCounts::default()); count];
        for &l in &of {
            if let Some(entry) = lineages.get_mut(l) {
                entry.0 += 1;
            }
        }
        for e in &edges {
            if let Some(entry) = pos(e.from).and_then(|p| of.get(p)).and_then(|&l| lineages.get_mut(l)) {
                entry.1.add(e.via, 1);
            }
        }
        for (n, counts) in lineages.iter().filter(|(n, _)| *n >= 2) {
            let cost = LineageCost::of(self.catalog, *n, counts);
            hours += cost.shared + cost.incidents;
        }
        (hours, infra)
    }

    /// Applies a finding's changes (in rank order) and returns what they add, hours and
    /// infrastructure dollars per month. Only the lineages the changes touch are costed: every
    /// edge a change adds or moves joins stores it names, so nothing else changes.
    pub(crate) fn apply_all(&mut self, changes: &[&Change]) -> (f64, f64) {
        let seeds: Vec<usize> = changes.iter().flat_map(|c| self.named(c)).collect();
        let mut within = self.around(&seeds);
        let before = self.totals_within(&within);
        let old = self.nodes.len();
        for change in changes {
            self.apply(change);
        }
        within.extend(old..self.nodes.len());
        let after = self.totals_within(&within);
        (round2(after.0 - before.0), round2(after.1 - before.1))
    }

    fn id(&self, i: usize) -> String {
        self.nodes.get(i).map(|n| n.id.clone()).unwrap_or_default()
    }

    /// The seed's table for this architecture.
    pub(crate) fn table(&self) -> SeedTable {
        let active: Vec<&Node<'c>> = self.nodes.iter().filter(|n| n.active()).collect();
        let running = active.iter().filter(|n| n.kind.is_none_or(|k| k.deployment != Deployment::Embedded)).count();
        let (_, lineages) = self.lineages();
        let mut issues = Estimate::exact(0.0);
        let mut largest = 0;
        for (n, counts) in &lineages {
            if *n >= 2 {
                issues = issues.plus(LineageCost::of(self.catalog, *n, counts).issues);
                largest = largest.max(*n);
            }
        }
        let base_kind = self.primary.and_then(|p| self.nodes.get(p)).filter(|n| n.active()).and_then(|n| n.kind);
        let mut weeks = base_kind.map_or(1.0, |k| k.learning_weeks.value);
        let mut seen: HashSet<&str> = base_kind.map(|k| k.id.as_str()).into_iter().collect();
        for n in &active {
            if let Some(k) = n.kind
                && seen.insert(k.id.as_str())
            {
                weeks += k.learning_weeks.value;
            }
        }
        for e in self.edges.iter().filter(|e| e.active()) {
            weeks += flow(self.catalog, e.via).map_or(0.0, |p| p.onboarding_weeks);
        }
        SeedTable {
            stores: active.len(),
            deployment_configs: running,
            monitoring_dashboards: running,
            backup_procedures: active.len(),
            consistency_issues_per_month: issues.rounded(),
            diagnosis_hours: (largest >= 2).then(|| super::DIAGNOSIS_HOURS_PER_STORE.times(largest as f64).rounded()),
            onboarding_weeks: half_weeks(weeks),
        }
    }

    /// Stores and flows with their status, for diagrams.
    pub(crate) fn view(&self) -> Architecture {
        Architecture {
            stores: self
                .nodes
                .iter()
                .map(|n| ArchStore {
                    id: n.id.clone(),
                    store_type: n.type_id.clone(),
                    name: n.kind.map_or_else(|| n.type_id.clone(), |k| k.name.clone()),
                    role: n.role,
                    status: n.status,
                })
                .collect(),
            flows: self
                .edges
                .iter()
                .map(|e| ArchFlow { from: self.id(e.from), to: self.id(e.to), via: e.via, status: e.status })
                .collect(),
        }
    }
}

/// The seed's "single store" column for the primary source of truth's type.
pub(crate) fn single_table(kind: Option<&StoreType>) -> SeedTable {
    SeedTable {
        stores: 1,
        deployment_configs: 1,
        monitoring_dashboards: 1,
        backup_procedures: 1,
        consistency_issues_per_month: Estimate::exact(0.0),
        diagnosis_hours: None,
        onboarding_weeks: half_weeks(kind.map_or(1.0, |k| k.learning_weeks.value)),
    }
}

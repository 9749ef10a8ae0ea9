-- wrk script: POST the S1 workload to the path given on the command line.
local f = assert(io.open(os.getenv("STOREWISE_LOAD_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/yaml"

-- wrk script: POST the GraphQL document in env QUERY as a JSON body. No response() callback: defining one makes
-- wrk parse every body in Lua, which would slow the load generator; non-2xx answers are counted by wrk itself
-- (summary.errors.status) and run.sh refuses a run that has any.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = '{"query":"' .. os.getenv("QUERY") .. '"}'


-- wrk's summary gives percentiles only for the chosen ones; print p50/p99 in a line run.sh can parse.
done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT rps=%.0f p50_us=%d p99_us=%d requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.requests, non2xx, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

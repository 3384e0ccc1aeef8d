-- wrk script: count responses by status class in every thread, and print one JSON line
-- at the end (requests, rate, latency percentiles in microseconds, errors, classes).
-- Optional: WRK_PATHS (paths separated by '|') to cycle through; WRK_HOST to send
-- another Host header (the unknown-host check).

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    counts = { ["2xx"] = 0, ["3xx"] = 0, ["4xx"] = 0, ["5xx"] = 0, other = 0 }
    requests_list = {}
    local paths = os.getenv("WRK_PATHS")
    local host = os.getenv("WRK_HOST")
    local headers = {}
    if host and host ~= "" then
        headers["Host"] = host
    end
    if paths and paths ~= "" then
        for path in string.gmatch(paths, "[^|]+") do
            table.insert(requests_list, wrk.format("GET", path, headers))
        end
    else
        table.insert(requests_list, wrk.format(nil, nil, headers))
    end
    index = 0
end

function request()
    index = index % #requests_list + 1
    return requests_list[index]
end

function response(status, headers, body)
    local class = math.floor(status / 100)
    local key = class >= 2 and class <= 5 and (class .. "xx") or "other"
    counts[key] = counts[key] + 1
end

function done(summary, latency, requests)
    local classes = { ["2xx"] = 0, ["3xx"] = 0, ["4xx"] = 0, ["5xx"] = 0, other = 0 }
    for _, thread in ipairs(threads) do
        local thread_counts = thread:get("counts")
        for key, value in pairs(thread_counts) do
            classes[key] = classes[key] + value
        end
    end
    local e = summary.errors
    io.write(string.format(
        'WRK_JSON {"requests": %d, "duration_us": %d, "rps": %.1f, ' ..
        '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
        '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
        '"classes": {"2xx": %d, "3xx": %d, "4xx": %d, "5xx": %d, "other": %d}}\n',
        summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        e.connect, e.read, e.write, e.status, e.timeout,
        classes["2xx"], classes["3xx"], classes["4xx"], classes["5xx"], classes.other))
end

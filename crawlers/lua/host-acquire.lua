-- Takes a slot for a host (crawlers/host.limiter.ts).
-- KEYS[1] the host's leases (sorted set, scored by expiry), KEYS[2] the host's next start time,
-- KEYS[3] (optional) the leases key of the caller's previous lease.
-- ARGV[1] the new lease, ARGV[2] the host's concurrency, ARGV[3] its minimum delay (ms),
-- ARGV[4] how long a lease lasts (ms), ARGV[5] (optional) the caller's previous lease.
-- First gives back the caller's previous lease (when a job fetches pages one after another this
-- saves a call per page), drops expired leases, then answers {wait, now}: how long to wait
-- (ms > 0), -1 when all slots are taken, or 0 when a lease was taken and the host's next start
-- time was set; now is the Redis clock's time (ms), which every worker process agrees on.
if KEYS[3] then redis.call('ZREM', KEYS[3], ARGV[5]) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return {nextAt - now, now} end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return {-1, now} end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
local delay = tonumber(ARGV[3])
if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay + 1000) end
return {0, now}

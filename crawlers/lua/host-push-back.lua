-- Moves a host's next start time (KEYS[1]) to at least now + ARGV[1] ms, by the Redis clock
-- (crawlers/host.limiter.ts, after a 429 or 503). Returns the time wanted.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wanted = now + tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if wanted > nextAt then redis.call('SET', KEYS[1], wanted, 'PX', tonumber(ARGV[1]) + 1000) end
return wanted

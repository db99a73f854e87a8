namespace Tickr.Testing.Tests;

public sealed class RedisServerTests : IClassFixture<RedisServer>
{
    private readonly RedisServer _redis;

    public RedisServerTests(RedisServer redis) => _redis = redis;

    [Fact]
    public async Task Killed_and_restarted_on_the_same_port_keeping_nothing()
    {
        Assert.Equal("OK", await _redis.CommandAsync("SET", "k", "v"));
        var port = _redis.Port;

        await _redis.StopAsync();
        Assert.False(_redis.IsRunning);
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => _redis.CommandAsync("PING"));

        await _redis.StartAsync();
        Assert.Equal(port, _redis.Port);
        Assert.Equal("PONG", await _redis.CommandAsync("PING"));
        Assert.Null(await _redis.CommandAsync("GET", "k"));
    }

    [Fact]
    public async Task A_frozen_server_answers_after_the_thaw()
    {
        await _redis.FreezeAsync();
        var ping = _redis.CommandAsync("PING");
        await Task.Delay(200);
        Assert.False(ping.IsCompleted);
        await _redis.ThawAsync();
        Assert.Equal("PONG", await ping.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}

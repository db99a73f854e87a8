using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests;

public sealed class ServerInfoTests : IClassFixture<TickrAppFactory>
{
    private readonly TickrAppFactory _factory;

    public ServerInfoTests(TickrAppFactory factory) => _factory = factory;

    [Fact]
    public async Task ServerInfo_describes_the_instance_with_the_in_process_bus_by_default()
    {
        var body = await GraphQLHttp.QueryAsync(_factory.CreateClient(),
            "{ serverInfo { version environment instanceId startedAt subscriptionBus { kind connected } } }");

        var info = body.GetProperty("data").GetProperty("serverInfo");
        Assert.StartsWith("0.1.0", info.GetProperty("version").GetString());
        Assert.Equal("Development", info.GetProperty("environment").GetString());
        Assert.Matches("^[0-9a-f]{12}$", info.GetProperty("instanceId").GetString());
        var startedAt = DateTimeOffset.Parse(info.GetProperty("startedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(startedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("IN_MEMORY", info.GetProperty("subscriptionBus").GetProperty("kind").GetString());
        Assert.True(info.GetProperty("subscriptionBus").GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task Two_instances_have_different_ids_and_one_instance_keeps_its_id()
    {
        await using var other = new TickrAppFactory();
        const string query = "{ serverInfo { instanceId } }";
        static string Id(System.Text.Json.JsonElement body) => body.GetProperty("data").GetProperty("serverInfo").GetProperty("instanceId").GetString()!;

        var first = Id(await GraphQLHttp.QueryAsync(_factory.CreateClient(), query));
        var again = Id(await GraphQLHttp.QueryAsync(_factory.CreateClient(), query));
        var second = Id(await GraphQLHttp.QueryAsync(other.CreateClient(), query));

        Assert.Equal(first, again);
        Assert.NotEqual(first, second);
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;

namespace Tickr.GraphQL.AspNetCore.Tests.Http;

/// <summary>/health/live runs no check; /health/ready runs the registered ones.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Live_ignores_checks_ready_runs_them()
    {
        await using var server = await GraphQLTestServer.StartAsync(services: s =>
            s.AddHealthChecks().AddCheck("dependency", () => HealthCheckResult.Unhealthy("down")));

        using var live = await server.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());

        using var ready = await server.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_is_healthy_without_failing_checks()
    {
        await using var server = await GraphQLTestServer.StartAsync();
        using var ready = await server.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}

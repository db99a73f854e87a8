using System.Net;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests;

public sealed class IdeAndHealthTests
{
    [Fact]
    public async Task Ide_page_is_served_in_Development()
    {
        await using var factory = new TickrAppFactory();
        using var response = await GetHtmlAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Tickr GraphQL", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ide_is_off_in_Production_unless_enabled()
    {
        await using var production = new TickrAppFactory().WithEnvironment("Production");
        using (var response = await GetHtmlAsync(production.CreateClient()))
        {
            // No IDE route: the GraphQL endpoint answers a browser GET with 406 (it speaks JSON only).
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        await using var enabled = new TickrAppFactory().WithEnvironment("Production").WithSetting("Tickr:Ide:Enabled", "true");
        using var enabledResponse = await GetHtmlAsync(enabled.CreateClient());
        Assert.Equal(HttpStatusCode.OK, enabledResponse.StatusCode);
    }

    [Fact]
    public async Task Health_live_and_ready_are_healthy_with_the_in_process_bus()
    {
        await using var factory = new TickrAppFactory();
        var client = factory.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    private static Task<HttpResponseMessage> GetHtmlAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");
        return client.SendAsync(request);
    }
}

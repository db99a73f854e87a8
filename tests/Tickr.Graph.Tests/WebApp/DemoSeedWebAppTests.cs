using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tickr.Graph.Commands;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.WebApp;

/// <summary>
/// The demo data is ready for the web app at once (PostgreSQL and the embedded SQLite): a published event on sale with
/// a check-in list, its organization's scanner as door staff, and paid orders over the last hour for the dashboard.
/// </summary>
public abstract class DemoSeedWebAppScenarios(TickrServerFixture server)
{
    private async Task<string> LoginAsync(string email)
    {
        var body = await PostAsync($$"""mutation { login(input: { email: "{{email}}", password: "{{DemoSeed.Password}}" }) { accessToken } }""", null);
        return body.GetProperty("data").GetProperty("login").GetProperty("accessToken").GetString()!;
    }

    private async Task<JsonElement> PostAsync(string query, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await server.Client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body;
    }

    [Fact]
    public async Task The_live_event_has_a_check_in_list_and_paid_orders_over_the_last_hour()
    {
        var organizer = await LoginAsync(DemoSeed.OrganizerEmail);
        var data = await PostAsync($$"""
            { event(slug: "{{DemoSeed.LiveEventSlug}}") { status ticketTypes { name isOnSale remaining }
              checkInLists { name }
              stats { sold ordersPerMinute(minutes: 60) { orders tickets } }
              orders(status: [PAID]) { totalCount } attendees { totalCount } } }
            """, organizer);
        var e = data.GetProperty("data").GetProperty("event");
        Assert.Equal("PUBLISHED", e.GetProperty("status").GetString());
        Assert.Contains(e.GetProperty("ticketTypes").EnumerateArray(), t => t.GetProperty("isOnSale").GetBoolean() && t.GetProperty("remaining").GetInt32() > 0);
        Assert.Equal(DemoSeed.CheckInListName, Assert.Single(e.GetProperty("checkInLists").EnumerateArray()).GetProperty("name").GetString());
        var minutes = e.GetProperty("stats").GetProperty("ordersPerMinute").EnumerateArray().ToList();
        var paid = e.GetProperty("orders").GetProperty("totalCount").GetInt32();
        Assert.True(paid >= 5, $"{paid} paid orders");
        // Spread over the hour: several distinct minutes, every order and ticket within the last 60 minutes.
        Assert.True(minutes.Count(m => m.GetProperty("orders").GetInt32() > 0) >= 5);
        Assert.Equal(paid, minutes.Sum(m => m.GetProperty("orders").GetInt32()));
        Assert.Equal(e.GetProperty("stats").GetProperty("sold").GetInt32(), minutes.Sum(m => m.GetProperty("tickets").GetInt32()));
        Assert.Equal(e.GetProperty("stats").GetProperty("sold").GetInt32(), e.GetProperty("attendees").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task The_scanner_account_sees_the_live_event_its_list_and_key_but_no_orders()
    {
        var scanner = await LoginAsync(DemoSeed.ScannerEmail);
        var data = await PostAsync("""
            { me { memberships { role organization { events { nodes { title checkInLists { id name }
              ticketPublicKey { publicKeyBase64Url tokenEventId } orders { totalCount } } } } } } }
            """, scanner);
        var membership = Assert.Single(data.GetProperty("data").GetProperty("me").GetProperty("memberships").EnumerateArray());
        Assert.Equal("SCANNER", membership.GetProperty("role").GetString());
        var live = membership.GetProperty("organization").GetProperty("events").GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("checkInLists").GetArrayLength() > 0);
        Assert.Equal("Nuit du malouf", live.GetProperty("title").GetString());
        Assert.Equal(22, live.GetProperty("ticketPublicKey").GetProperty("tokenEventId").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, live.GetProperty("orders").ValueKind);
    }
}

public sealed class DemoSeedWebAppTests(TickrServerFixture server) : DemoSeedWebAppScenarios(server), IClassFixture<TickrServerFixture>;

public sealed class SqliteDemoSeedWebAppTests(SqliteServerFixture server) : DemoSeedWebAppScenarios(server), IClassFixture<SqliteServerFixture>;

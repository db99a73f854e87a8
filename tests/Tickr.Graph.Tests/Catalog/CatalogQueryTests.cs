using System.Text.Json;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Catalog;

/// <summary>The public catalog on PostgreSQL with the demo data: search, filters, paging, DataLoader batching.</summary>
public sealed class CatalogQueryTests(TickrServerFixture server) : CatalogQueryScenarios(server), IClassFixture<TickrServerFixture>
{
    [Fact]
    public async Task Search_ignores_accents_and_case_and_ranks_title_matches_first()
    {
        // "théâtre" typed without accents, upper-case; the title match ranks above description/venue matches.
        var titles = await Titles("{ search: \"THEATRE\" }");
        Assert.Contains("Théâtre jeune public: Le petit prince", titles);
        Assert.Equal("Théâtre jeune public: Le petit prince", titles[0]);
        // Events held at the "Théâtre municipal" venues match through the venue's name.
        Assert.Contains("Nuit du malouf", titles);
    }

    [Fact]
    public async Task Search_stems_french_and_english_words_and_matches_prefixes()
    {
        Assert.Contains("Soirée stambali", await Titles("{ search: \"soirées\" }"));
        Assert.Contains("Conférence Tech Tunisia 2027", await Titles("{ search: \"talks\" }"));
        Assert.Contains("Festival international de Carthage: grand concert", await Titles("{ search: \"carth\" }"));
    }
}

/// <summary>
/// The same catalog scenarios on the embedded SQLite database (the smoke suite of the default `dotnet run`): search
/// there is a LIKE over normalized text, so accents and case are ignored but there is no stemming or ranking.
/// </summary>
public sealed class SqliteCatalogQueryTests(SqliteServerFixture server) : CatalogQueryScenarios(server), IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task Search_ignores_accents_and_case()
    {
        var titles = await Titles("{ search: \"THEATRE jeune\" }");
        Assert.Equal(["Théâtre jeune public: Le petit prince"], titles);
    }
}

/// <summary>Catalog scenarios that hold on both providers.</summary>
public abstract class CatalogQueryScenarios(TickrServerFixture server)
{
    private readonly SqlCommandCounter _commands = server.Commands;
    private readonly HttpClient _client = server.Client;

    protected async Task<JsonElement> Data(string query)
    {
        var body = await GraphQLHttp.QueryAsync(_client, query);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    protected async Task<string[]> Titles(string where)
    {
        var data = await Data($"{{ events(first: 50, where: {where}) {{ nodes {{ title }} }} }}");
        return data.GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString()!).ToArray();
    }

    [Fact]
    public async Task Search_finds_events_by_city_of_their_venue()
    {
        var titles = await Titles("{ search: \"sousse\" }");
        Assert.Contains("Derby du Sahel", titles);
        Assert.DoesNotContain("Nuit du malouf", titles);
    }

    [Fact]
    public async Task Drafts_never_appear_in_the_public_catalog()
    {
        var titles = await Titles("{ search: \"brouillon\" }");
        Assert.Empty(titles);
        var all = await Titles("{}");
        Assert.Equal(19, all.Length);
    }

    [Fact]
    public async Task City_and_price_filters_combine()
    {
        var sfax = await Titles("{ city: \"SFAX\" }");
        Assert.All(sfax, t => Assert.DoesNotContain("Sousse", t));
        Assert.Contains("Rap tunisien: la nouvelle scène", sfax);
        var cheap = await Titles("{ city: \"sfax\", maxPrice: { currency: \"TND\", amount: 15 } }");
        Assert.Contains("Nuit du oud", cheap);
        Assert.DoesNotContain("Rap tunisien: la nouvelle scène", cheap);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_overlap()
    {
        var first = await Data("{ events(first: 7) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }");
        var events = first.GetProperty("events");
        Assert.Equal(19, events.GetProperty("totalCount").GetInt32());
        Assert.True(events.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var cursor = events.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var second = await Data($"{{ events(first: 20, after: \"{cursor}\") {{ pageInfo {{ hasNextPage hasPreviousPage }} nodes {{ id }} }} }}");
        var ids = events.GetProperty("nodes").EnumerateArray().Concat(second.GetProperty("events").GetProperty("nodes").EnumerateArray())
            .Select(n => n.GetProperty("id").GetString()).ToList();
        Assert.Equal(19, ids.Distinct().Count());
        Assert.False(second.GetProperty("events").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(second.GetProperty("events").GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Theory]
    [InlineData("{ events(first: 101) { totalCount } }", "BAD_USER_INPUT")]
    [InlineData("{ events(first: -1) { totalCount } }", "BAD_USER_INPUT")]
    [InlineData("{ events(after: \"not-a-cursor\") { totalCount } }", "BAD_USER_INPUT")]
    [InlineData("{ events(where: { categoryId: \"bm9wZQ\" }) { totalCount } }", "BAD_USER_INPUT")]
    [InlineData("{ node(id: \"%%%\") { id } }", "BAD_USER_INPUT")]
    [InlineData("{ event(id: \"RXZlbnQ6MDE\", slug: \"x\") { id } }", "BAD_USER_INPUT")]
    public async Task Bad_arguments_get_a_coded_error_not_a_500(string query, string code)
    {
        var body = await GraphQLHttp.QueryAsync(_client, query);
        Assert.Equal(code, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_page_of_events_with_relations_costs_a_constant_number_of_commands()
    {
        const string query = """
            { events(first: 50) { nodes { title venue { name city } organization { name } category { name }
              ticketTypes { name price { formatted } remaining } priceRange { min { formatted } } } } }
            """;
        await Data(query); // warm-up: EF compiles its queries once.
        var counter = _commands;
        counter.Reset();
        var small = await Data(query.Replace("first: 50", "first: 2"));
        var smallCount = counter.Commands.Count;
        var smallCommands = string.Join("\n---\n", counter.Commands);
        counter.Reset();
        var large = await Data(query);
        var largeCount = counter.Commands.Count;
        Assert.Equal(2, small.GetProperty("events").GetProperty("nodes").GetArrayLength());
        Assert.Equal(19, large.GetProperty("events").GetProperty("nodes").GetArrayLength());
        // page + venues + organizations + categories + ticket types + quotas: the same for 2 events or 19.
        Assert.True(largeCount <= 6, string.Join("\n---\n", counter.Commands));
        Assert.True(smallCount == largeCount, $"{smallCount} commands for 2 events, {largeCount} for 19:\n" + smallCommands + "\n=====\n" + string.Join("\n---\n", counter.Commands));
    }

    [Fact]
    public async Task Several_database_root_fields_in_one_request_do_not_share_a_context()
    {
        // Hot Chocolate users' top complaint: "a second operation was started on this context". Every root field and
        // every batch here opens its own context, so parallel root fields are fine.
        var data = await Data("""
            { a: events(first: 5) { totalCount nodes { venue { name } } }
              b: events(first: 5, where: { search: "concert" }) { totalCount nodes { ticketTypes { name } } }
              categories { name } venues(first: 5) { totalCount nodes { name } }
              c: event(slug: "nuit-du-malouf") { title organization { name } } }
            """);
        Assert.Equal("Nuit du malouf", data.GetProperty("c").GetProperty("title").GetString());
        Assert.Equal(8, data.GetProperty("categories").GetArrayLength());
    }

    [Fact]
    public async Task The_IDE_default_query_runs_and_shows_the_catalog()
    {
        var data = await Data(Tickr.Graph.Hosting.TickrServerExtensions.DefaultIdeQuery);
        Assert.Equal(5, data.GetProperty("events").GetProperty("nodes").GetArrayLength());
        Assert.Equal(8, data.GetProperty("categories").GetArrayLength());
    }

    [Fact]
    public async Task The_compiled_landing_page_lists_what_the_general_query_lists()
    {
        // No filter and the default order take the compiled path; a filter that keeps everything takes the general one.
        const string selection = "totalCount pageInfo { hasNextPage } nodes { id venue { name } organization { name } ticketTypes { remaining } }";
        var landing = await Data($"{{ events(first: 12) {{ {selection} }} }}");
        var general = await Data($"{{ events(first: 12, where: {{ startsAfter: \"2000-01-01T00:00:00Z\" }}) {{ {selection} }} }}");
        Assert.Equal(general.GetRawText(), landing.GetRawText());
        Assert.Equal(12, landing.GetProperty("events").GetProperty("nodes").GetArrayLength());
    }
}

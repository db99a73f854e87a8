using Microsoft.EntityFrameworkCore;
using Tickr.Data.Catalog;

namespace Tickr.Data.Tests.Catalog;

/// <summary>What search does on both providers: accents and case ignored, every word required, venues and cities found, hostile text harmless.</summary>
public abstract class SearchTests(ITestDatabase database, int count)
{
    protected async Task<string[]> SearchAsync(string? text)
    {
        await using var db = database.CreateContext();
        var events = EventSearch.Matching(db, db.Events.AsNoTracking(), text);
        return await EventSearch.OrderByRelevance(db, events, text).Select(e => e.Title).ToArrayAsync();
    }

    [Theory]
    [InlineData("malouf")]
    [InlineData("MALOUF")]
    [InlineData("Malouf")]
    public async Task Case_is_ignored(string text)
    {
        Assert.Equal(["Nuit du malouf"], await SearchAsync(text));
    }

    [Theory]
    [InlineData("theatre")]
    [InlineData("THÉÂTRE")]
    [InlineData("théatre")]
    public async Task Accents_are_ignored_in_the_text_and_in_the_query(string text)
    {
        var titles = await SearchAsync(text);
        Assert.Equal(
            ["Festival international de Carthage: grand concert", "Le Chœur de Tunis", "Nuit du malouf"],
            titles.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("choeur")]
    [InlineData("chœur")]
    [InlineData("CHŒUR")]
    public async Task Ligatures_match_their_spelled_out_letters(string text)
    {
        Assert.Equal(["Le Chœur de Tunis"], await SearchAsync(text));
    }

    [Fact]
    public async Task Events_are_found_by_the_city_of_their_venue()
    {
        Assert.Equal(["Derby du Sahel"], await SearchAsync("sousse"));
    }

    [Fact]
    public async Task Events_are_found_by_the_name_of_their_venue()
    {
        Assert.Equal(["Soirée stambali", "Conférence Tech Tunisia 2027"], await SearchAsync("lasram"));
    }

    [Fact]
    public async Task Every_word_must_match()
    {
        Assert.Equal(["Nuit du malouf"], await SearchAsync("nuit malouf"));
        Assert.Equal(["Nuit du malouf"], await SearchAsync("malouf tunis"));
        Assert.Empty(await SearchAsync("malouf sousse"));
    }

    [Theory]
    [InlineData("carth", "Festival international de Carthage: grand concert")]
    [InlineData("tabar", "Jazz à Tabarka")]
    [InlineData("stamb", "Soirée stambali")]
    public async Task A_word_may_be_the_beginning_of_a_word(string text, string title)
    {
        Assert.Contains(title, await SearchAsync(text));
    }

    [Fact]
    public async Task A_title_match_ranks_first()
    {
        Assert.Equal("Jazz à Tabarka", (await SearchAsync("jazz"))[0]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_search_keeps_every_event_by_date(string? text)
    {
        var titles = await SearchAsync(text);
        Assert.Equal(count, titles.Length);
        Assert.Equal("Concert du vendredi", titles[0]);
    }

    public static TheoryData<string> HostileTexts => new()
    {
        "'",
        "\"",
        "''''",
        "&|!:*()",
        "carthage & | ! sousse",
        "carthage:* | sousse:*",
        "!carthage",
        "<-> <2> <->",
        "'; DROP TABLE events; --",
        "' OR 1=1 --",
        "\" OR \"\"=\"",
        "%",
        "_",
        "%%%___",
        "\\",
        "\\x00 \\0",
        "\u0000",
        "🎫🎉",
        "🎫 jazz 🎉",
        "جاز",
        "a b c d e f g h i j k l",
        "ＣＡＲＴＨＡＧＥ ＆ ＳＯＵＳＳＥ",
        new string('a', 10_000),
        string.Join(' ', Enumerable.Repeat("carthage", 1_300)),
        string.Concat(Enumerable.Repeat("&|!:*()'\" ", 1_000)),
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task Hostile_text_never_throws_and_never_matches_everything(string text)
    {
        var titles = await SearchAsync(text);
        Assert.True(titles.Length < count, $"{titles.Length} of {count} events matched");
    }

    [Fact]
    public async Task A_lone_surrogate_is_harmless()
    {
        // In code: [InlineData] strings are UTF-8 in metadata and cannot carry one.
        Assert.Equal(await SearchAsync("jazz"), await SearchAsync("jazz\uD83C"));
        Assert.True((await SearchAsync("\uDFAB")).Length < count);
    }
}

public sealed class PostgresSearchTests(SearchCatalog<PostgresDatabase> catalog)
    : SearchTests(catalog.Database, catalog.Count), IClassFixture<SearchCatalog<PostgresDatabase>>
{
    [Theory]
    [InlineData("soirées")]
    [InlineData("soiree")]
    public async Task French_words_are_stemmed(string text)
    {
        Assert.Equal(["Soirée manouche", "Soirée stambali"], (await SearchAsync(text)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("talk")]
    [InlineData("workshop")]
    [InlineData("developer")]
    [InlineData("networks")]
    public async Task English_words_are_stemmed(string text)
    {
        Assert.Equal(["Conférence Tech Tunisia 2027"], await SearchAsync(text));
    }

    [Fact]
    public async Task Plural_concerts_finds_every_concert()
    {
        Assert.Equal(
            ["Concert du vendredi", "Festival international de Carthage: grand concert"],
            (await SearchAsync("concerts")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Title_matches_rank_above_description_matches_above_venue_matches()
    {
        // The venue match starts first and the title match last: the order is relevance, not date.
        Assert.Equal(["Jazz à Tabarka", "Soirée manouche", "Concert du vendredi"], await SearchAsync("jazz"));
    }
}

public sealed class SqliteSearchTests(SearchCatalog<SqliteDatabase> catalog)
    : SearchTests(catalog.Database, catalog.Count), IClassFixture<SearchCatalog<SqliteDatabase>>
{
    [Fact]
    public async Task Words_match_as_written_without_stemming()
    {
        // SQLite has no stemmer: the embedded default finds "soirée" but not its plural. PostgreSQL finds both.
        Assert.Equal(["Soirée manouche", "Soirée stambali"], (await SearchAsync("soiree")).Order(StringComparer.Ordinal));
        Assert.Empty(await SearchAsync("soirées"));
    }

    [Fact]
    public async Task A_word_may_be_inside_a_longer_word()
    {
        Assert.Equal(["Nuit du malouf"], await SearchAsync("alou"));
    }

    [Fact]
    public async Task Title_matches_come_first_then_the_others_by_date()
    {
        Assert.Equal(["Jazz à Tabarka", "Concert du vendredi", "Soirée manouche"], await SearchAsync("jazz"));
    }
}

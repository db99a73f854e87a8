using Tickr.Domain.Catalog;

namespace Tickr.Data.Tests.Catalog;

/// <summary>
/// A small catalog whose titles, descriptions and venues exercise each search rule; one per test class database.
/// Start dates run against relevance (the venue-only "jazz" match starts first) so ranking is not date order in disguise.
/// </summary>
public sealed class SearchCatalog<TDatabase> : IAsyncLifetime where TDatabase : ITestDatabase, IAsyncLifetime, new()
{
    public TDatabase Database { get; } = new();

    public int Count { get; private set; }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using var db = Database.CreateContext();
        var organization = await Seed.OrganizationAsync(db);
        var municipal = Seed.Venue(organization, "Théâtre municipal de Tunis", "Tunis");
        var stade = Seed.Venue(organization, "Stade olympique de Sousse", "Sousse");
        var romain = Seed.Venue(organization, "Théâtre romain de Carthage", "Carthage");
        var club = Seed.Venue(organization, "Jazz Club", "Tunis");
        var darLasram = Seed.Venue(organization, "Dar Lasram", "Tunis");
        db.Venues.AddRange(municipal, stade, romain, club, darLasram);

        var day = 0;
        Event Add(string title, string description, Venue? venue)
        {
            var e = Seed.Event(organization, title, description, venue, startsAt: Seed.Start.AddDays(day++));
            db.Events.Add(e);
            return e;
        }
        Add("Concert du vendredi", "Programme surprise.", club);
        Add("Soirée manouche", "Une soirée de jazz manouche.", null);
        Add("Jazz à Tabarka", "Trois nuits au bord de la mer.", null);
        Add("Nuit du malouf", "Musique arabo-andalouse.", municipal);
        Add("Derby du Sahel", "Football: le match de la saison.", stade);
        Add("Festival international de Carthage: grand concert", "Le concert d'ouverture.", romain);
        Add("Soirée stambali", "Transe et musique gnawa.", darLasram);
        Add("Conférence Tech Tunisia 2027", "Talks, workshops and networking for developers.", darLasram);
        Add("Le Chœur de Tunis", "Chants sacrés.", municipal);
        await db.SaveChangesAsync();
        Count = day;
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

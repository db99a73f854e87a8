using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tickr.Data.Catalog;
using Tickr.Domain.Catalog;

namespace Tickr.Data.Providers;

/// <summary>
/// Tickr on SQLite: the embedded default (<c>dotnet run</c> with no configuration). One writer at a time; search is a
/// LIKE over normalized text instead of PostgreSQL's ranked full-text search.
/// </summary>
public sealed class SqliteTickrDbContext(DbContextOptions<SqliteTickrDbContext> options) : TickrDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no instant type and EF cannot compare DateTimeOffset text there; Tickr stores UTC instants only,
        // and as integers they sort and compare correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void ConfigureProvider(ModelBuilder builder)
    {
        builder.Entity<Event>().Property<string>(EventSearchText.SearchText).HasMaxLength(Event.TitleMaxLength + Event.DescriptionMaxLength + 1);
    }
}

using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Tickr.Domain.Catalog;

namespace Tickr.Data.Providers;

/// <summary>
/// Tickr on PostgreSQL: what production runs and what the concurrency tests prove. Adds the ranked, accent-insensitive
/// full-text search over events (French and English stemming) as a stored generated column with a GIN index.
/// </summary>
public sealed class PostgresTickrDbContext(DbContextOptions<PostgresTickrDbContext> options) : TickrDbContext(options)
{
    /// <summary>The event's weighted search vector (title A, description B, venue C).</summary>
    public const string SearchVector = "SearchVector";

    /// <summary>
    /// unaccent() is only STABLE (its dictionary could change), and generated columns need IMMUTABLE functions: this
    /// wrapper pins the dictionary, the usual way to index unaccented text. Created by the initial migration.
    /// </summary>
    public const string UnaccentFunction = "tickr_unaccent";

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override void ConfigureProvider(ModelBuilder builder)
    {
        builder.HasPostgresExtension("unaccent");
        builder.Entity<Event>(b =>
        {
            b.Property<NpgsqlTsVector>(SearchVector)
                .HasComputedColumnSql(SearchVectorSql, stored: true);
            b.HasIndex(SearchVector).HasMethod("GIN");
        });
    }

    private static string SearchVectorSql =>
        $"""
        setweight(to_tsvector('french'::regconfig, {UnaccentFunction}(title)), 'A') ||
        setweight(to_tsvector('english'::regconfig, {UnaccentFunction}(title)), 'A') ||
        setweight(to_tsvector('french'::regconfig, {UnaccentFunction}(coalesce(description, ''))), 'B') ||
        setweight(to_tsvector('english'::regconfig, {UnaccentFunction}(coalesce(description, ''))), 'B') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(venue_text, '')), 'C')
        """;

    /// <summary>The SQL creating <see cref="UnaccentFunction"/>; run by the initial migration before the events table.</summary>
    public const string CreateUnaccentFunctionSql =
        """
        CREATE OR REPLACE FUNCTION tickr_unaccent(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
        """;
}

using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Tickr.Data.Catalog;
using Tickr.Domain.Catalog;

namespace Tickr.Data.Providers;

/// <summary>
/// Tickr on PostgreSQL: what production runs and what the concurrency tests prove. Adds the ranked, accent-insensitive
/// full-text search over events (French and English stemming) as a stored generated column with a GIN index.
/// </summary>
public sealed class PostgresTickrDbContext(DbContextOptions<PostgresTickrDbContext> options) : TickrDbContext(options)
{
    /// <summary>
    /// unaccent() is only STABLE (its dictionary could change), and generated columns need IMMUTABLE functions: this
    /// wrapper pins the dictionary, the usual way to index unaccented text. Created by the initial migration.
    /// </summary>
    public const string UnaccentFunction = "tickr_unaccent";

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override void ConfigureProvider(ModelBuilder builder)
    {
        builder.HasPostgresExtension("unaccent");
        builder.HasDbFunction(typeof(EventSearch).GetMethod(nameof(EventSearch.SearchQuery))!).HasName("tickr_search_query");
        // The vector lives in the events table but belongs to another entity type (table splitting): queries of Event
        // never read it (≈ 600 bytes a row that Npgsql would parse into lexeme objects), only search does.
        builder.Entity<EventSearchDocument>(b =>
        {
            b.ToTable("events");
            b.HasKey(d => d.EventId);
            b.Property(d => d.EventId).HasColumnName("id");
            b.Property(d => d.Vector)
                .HasColumnName("search_vector")
                .HasComputedColumnSql(SearchVectorSql, stored: true)
                .IsRequired();
            b.HasIndex(d => d.Vector).HasMethod("GIN");
            b.HasOne<Event>().WithOne().HasForeignKey<EventSearchDocument>(d => d.EventId);
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

    /// <summary>
    /// The SQL creating <c>tickr_search_query(terms text[])</c>: the tsquery of a search, one AND-ed clause per word,
    /// each word matching its French stem, its English stem or (3 letters and more) any lexeme it starts, so that
    /// "soirées", "talks", "carth" and a venue's city all match, and a query mixing them too. Words that are stop words
    /// in both languages ("the", "de"…) are skipped. One array parameter whatever the number of words, so the
    /// statement stays the same shape and is prepared once. Words reach it as letters and digits only (EventSearch).
    /// </summary>
    public const string CreateSearchQueryFunctionSql =
        """
        CREATE OR REPLACE FUNCTION tickr_search_query(terms text[]) RETURNS tsquery
            LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
            AS $$
        DECLARE
            result tsquery;
            term text;
            clause tsquery;
        BEGIN
            FOREACH term IN ARRAY terms LOOP
                IF numnode(plainto_tsquery('french', term)) = 0 AND numnode(plainto_tsquery('english', term)) = 0 THEN
                    CONTINUE;
                END IF;
                clause := plainto_tsquery('french', term) || plainto_tsquery('english', term);
                IF length(term) >= 3 THEN
                    clause := clause || to_tsquery('simple', term || ':*');
                ELSE
                    clause := clause || plainto_tsquery('simple', term);
                END IF;
                result := CASE WHEN result IS NULL THEN clause ELSE result && clause END;
            END LOOP;
            RETURN result;
        END
        $$;
        """;

    /// <summary>The SQL creating <see cref="UnaccentFunction"/>; run by the initial migration before the events table.</summary>
    public const string CreateUnaccentFunctionSql =
        """
        CREATE OR REPLACE FUNCTION tickr_unaccent(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
        """;
}

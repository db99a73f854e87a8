using Tickr.Graph.Schema.Common;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>Filters of the public event catalog; all given filters apply together.</summary>
public sealed class EventFilter
{
    /// <summary>Words to find in the title, description, venue or city; accents and case ignored, each word may be a prefix.</summary>
    public string? Search { get; init; }

    /// <summary>Only events of this category.</summary>
    [ID]
    public string? CategoryId { get; init; }

    /// <summary>Only events at venues in this city (accents and case ignored).</summary>
    public string? City { get; init; }

    /// <summary>Only events starting at or after this instant.</summary>
    public DateTimeOffset? StartsAfter { get; init; }

    /// <summary>Only events starting before this instant.</summary>
    public DateTimeOffset? StartsBefore { get; init; }

    /// <summary>Only events with a public ticket type at this price or less (and in this currency).</summary>
    public MoneyInput? MaxPrice { get; init; }

    /// <summary>Only events of this organization.</summary>
    [ID]
    public string? OrganizationId { get; init; }

    /// <summary>Include events that have already ended (default false: upcoming and ongoing events only).</summary>
    public bool? IncludeEnded { get; init; }
}

/// <summary>How to sort events.</summary>
public sealed class EventOrder
{
    /// <summary>The sort key (default: RELEVANCE when searching, else STARTS_AT).</summary>
    public EventOrderField? Field { get; init; }

    /// <summary>ASC or DESC (default ASC; RELEVANCE is always best first).</summary>
    public SortDirection? Direction { get; init; }
}

/// <summary>Sort keys of events.</summary>
public enum EventOrderField
{
    /// <summary>By start date.</summary>
    StartsAt,

    /// <summary>By title, alphabetically.</summary>
    Title,

    /// <summary>By publication date.</summary>
    PublishedAt,

    /// <summary>Best match of <c>where.search</c> first (same as STARTS_AT without a search).</summary>
    Relevance,
}

/// <summary>Sort direction.</summary>
public enum SortDirection
{
    /// <summary>Smallest first.</summary>
    Asc,

    /// <summary>Largest first.</summary>
    Desc,
}

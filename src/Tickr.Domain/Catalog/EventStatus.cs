namespace Tickr.Domain.Catalog;

/// <summary>An event's life: draft → published → cancelled or ended.</summary>
public enum EventStatus
{
    /// <summary>Being prepared: visible to its organization only, nothing on sale.</summary>
    Draft,

    /// <summary>Visible to everyone; ticket types are on sale within their windows.</summary>
    Published,

    /// <summary>Called off by the organizer: no more sales.</summary>
    Cancelled,

    /// <summary>A published event whose end has passed.</summary>
    Ended,
}

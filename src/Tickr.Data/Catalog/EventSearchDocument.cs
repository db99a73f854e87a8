using NpgsqlTypes;

namespace Tickr.Data.Catalog;

/// <summary>
/// PostgreSQL only: an event's weighted full-text vector (title A, description B, venue C), a stored generated column of
/// the events table mapped to its own entity type so that loading an event never reads it. Read-only: PostgreSQL
/// computes it from the event's columns.
/// </summary>
public sealed class EventSearchDocument
{
    public Guid EventId { get; private set; }

    public NpgsqlTsVector Vector { get; private set; } = null!;
}

using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Analytics;

/// <summary>
/// Organizer dashboards: an event's sales, revenue and check-in figures, its orders and attendees (the attendee CSV is
/// an HTTP endpoint). Registered after the other modules, so the fields it adds to their types come after theirs.
/// </summary>
public sealed class AnalyticsModule : ISchemaModule
{
    public void Configure(SchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .AddTypeExtension<EventAnalytics>()
            .AddTypeExtension<EventAuditLog>()
            .AddTypeExtension<Ordering.EventOrders>();
    }
}

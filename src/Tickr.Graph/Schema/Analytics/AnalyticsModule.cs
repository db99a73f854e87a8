using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Analytics;

/// <summary>Organizer dashboards: an event's sales, revenue and check-in figures (the attendee CSV is an HTTP endpoint).</summary>
public sealed class AnalyticsModule : ISchemaModule
{
    public void Configure(SchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTypeExtension<EventAnalytics>().AddTypeExtension<EventAuditLog>();
    }
}

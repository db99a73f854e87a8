using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Identity;
using Tickr.Graph.Schema.Relay;
using Tickr.Graph.Schema.System;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema;

/// <summary>
/// Builds the server's schema: empty Query/Mutation/Subscription roots filled by each module's <c>[QueryType]</c> /
/// <c>[MutationType]</c> / <c>[SubscriptionType]</c> classes. Resolvers take what they need from the request's services,
/// so the schema can be built without a host (the <c>schema export</c> command does).
/// </summary>
public static class TickrSchema
{
    /// <summary>The modules whose types make up the schema, in the order their fields appear.</summary>
    public static IReadOnlyList<ISchemaModule> Modules { get; } = [new SystemModule(), new RelayModule(), new IdentityModule(), new CatalogModule(), new Ordering.OrderingModule(), new Ticketing.TicketingModule(), new Analytics.AnalyticsModule()];

    /// <summary>The node types of every module, for <c>node</c>/<c>nodes</c>.</summary>
    public static NodeTypes Nodes { get; } = CreateNodeTypes();

    public static GraphQL.Types.Schema Build()
    {
        var builder = new SchemaBuilder()
            .AddQueryType()
            .AddMutationType()
            .AddSubscriptionType()
            .ModifyOptions(o => o.Description = "Tickr: events, tickets, orders and check-in, one typed API for every client.");
        foreach (var module in Modules)
        {
            module.Configure(builder);
        }
        var schema = builder.Build();
        schema.QueryType.Description = "What can be read: the event catalog, organizations, the caller (`me`), any object by id (`node`).";
        if (schema.MutationType is { } mutation)
        {
            mutation.Description = "What can be changed. Each mutation takes one `input` and returns a payload whose `errors` list the business failures.";
        }
        if (schema.SubscriptionType is { } subscription)
        {
            subscription.Description = "Live streams over graphql-transport-ws or SSE.";
        }
        return schema;
    }

    private static NodeTypes CreateNodeTypes()
    {
        var nodes = new NodeTypes();
        foreach (var module in Modules)
        {
            module.RegisterNodes(nodes);
        }
        return nodes;
    }
}

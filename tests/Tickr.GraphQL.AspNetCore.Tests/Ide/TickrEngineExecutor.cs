using System.Text.Json;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;

namespace Tickr.GraphQL.AspNetCore.Tests.Ide;

/// <summary>
/// The IDE test server's GraphQL execution: Tickr's engine (<see cref="GraphQLExecutor"/>: parse, validate, execute) over a
/// tiny schema, until the HTTP transport exists. GraphiQL's introspection query and completions therefore run against
/// Tickr's own introspection and validation.
/// </summary>
internal static class TickrEngineExecutor
{
    private static readonly GraphQLExecutor Engine = new(Build());

    public static async Task<string> ExecuteAsync(string requestJson, CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(requestJson);
        var root = body.RootElement;
        var request = new GraphQLRequest
        {
            Query = root.GetProperty("query").GetString(),
            OperationName = root.TryGetProperty("operationName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
            Variables = root.TryGetProperty("variables", out var variables) ? JsonVariables.FromJson(variables) : null,
        };
        var result = await Engine.ExecuteAsync(request, cancellationToken);
        return ExecutionResultWriter.ToJson(result);
    }

    private static Schema Build()
    {
        var options = new SdlBuildOptions();
        options.Resolvers["Query.hello"] = context =>
            new ValueTask<object?>($"Hello, {(context.HasArgument("name") ? context.ArgumentValue<string?>("name") : null) ?? "Tickr"}!");
        options.Resolvers["Query.event"] = context =>
            new ValueTask<object?>(context.ArgumentValue<string>("id") == "1"
                ? new Dictionary<string, object?> { ["id"] = "1", ["name"] = "Flash sale", ["capacity"] = 500 }
                : null);
        return SchemaBuilder.FromSdl("""
            "Entry point of the IDE test schema."
            type Query {
              "Greets someone."
              hello(name: String): String!
              event(id: ID!): Event
            }
            "Something people buy tickets for."
            type Event {
              id: ID!
              name: String!
              capacity: Int!
            }
            type Subscription {
              "Counts down to 1, one number at a time."
              countdown(from: Int!): Int!
            }
            """, options);
    }
}

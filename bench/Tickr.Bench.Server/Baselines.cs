using System.Text.Json;
using Tickr.GraphQL.Execution;

namespace Tickr.Bench.Server;

/// <summary>
/// Floors for reading the HTTP figures, never measured as "Tickr": what Kestrel alone costs for the same POST
/// (<c>/baseline/static</c>: body drained, constant answer) and with the body parsed as GraphQL's transport does
/// (<c>/baseline/json</c>: JsonDocument over the body), and the engine called directly between that parse and
/// the response (<c>/baseline/engine</c>: GraphQLExecutor with its document cache, ExecutionResultWriter into the
/// response pipe). The gap between <c>/baseline/engine</c> and <c>/graphql</c> is the transport layer of
/// Tickr.GraphQL.AspNetCore (negotiation, limits, request reading, pipeline, context data).
/// </summary>
public static class Baselines
{
    private static readonly byte[] Answer = """{"data":{"a":"alpha","b":"bravo","c":"charlie"}}"""u8.ToArray();

    public static void MapBaselines(this IEndpointRouteBuilder endpoints)
    {
        var executor = new GraphQLExecutor(BenchSchema.Create());
        endpoints.MapPost("/baseline/static", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            await WriteAnswerAsync(context);
        });
        endpoints.MapPost("/baseline/json", async context =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (body.RootElement.GetProperty("query").GetString() is null)
            {
                context.Response.StatusCode = 400;
                return;
            }
            await WriteAnswerAsync(context);
        });
        endpoints.MapPost("/baseline/engine", async context =>
        {
            string? query;
            using (var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))
            {
                query = body.RootElement.GetProperty("query").GetString();
            }
            var result = await executor.ExecuteAsync(new GraphQLRequest { Query = query }, context.RequestAborted);
            context.Response.ContentType = "application/json; charset=utf-8";
            ExecutionResultWriter.Write(context.Response.BodyWriter, result);
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        });
    }

    private static async Task WriteAnswerAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.BodyWriter.WriteAsync(Answer, context.RequestAborted);
    }
}

using System.Text.Json;

namespace Tickr.Bench.Server;

/// <summary>
/// Floors for reading the HTTP figures, never measured as "Tickr": what Kestrel alone costs for the same POST
/// (<c>/baseline/static</c>: body drained, constant answer) and with the body parsed as GraphQL's transport does
/// (<c>/baseline/json</c>: JsonDocument over the body). The gap between them and <c>/graphql</c> is the
/// library's pipeline, engine and response writing.
/// </summary>
public static class Baselines
{
    private static readonly byte[] Answer = """{"data":{"a":"alpha","b":"bravo","c":"charlie"}}"""u8.ToArray();

    public static void MapBaselines(this IEndpointRouteBuilder endpoints)
    {
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
    }

    private static async Task WriteAnswerAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.BodyWriter.WriteAsync(Answer, context.RequestAborted);
    }
}

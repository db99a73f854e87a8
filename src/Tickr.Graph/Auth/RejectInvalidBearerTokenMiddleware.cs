using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Tickr.Graph.Auth;

/// <summary>
/// Answers 401 to a request whose bearer token is invalid or expired. ASP.NET Core's authentication would otherwise
/// run it as anonymous, and a client with an expired token would see "not logged in" data instead of being told to
/// refresh. Requests without a token pass: which fields need a user is the resolvers' decision.
/// </summary>
public sealed class RejectInvalidBearerTokenMiddleware
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"errors":[{"message":"The bearer token is invalid or expired.","extensions":{"code":"UNAUTHENTICATED"}}]}""");

    private readonly RequestDelegate _next;

    public RejectInvalidBearerTokenMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Headers.Authorization.Count > 0)
        {
            // The handler caches its result per request: this does not validate the token a second time.
            var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
            if (result.Failure is not null)
            {
                // The challenge sets 401 and WWW-Authenticate: Bearer error="invalid_token" (RFC 6750).
                await context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
                if (!context.Response.HasStarted)
                {
                    context.Response.ContentType = "application/json; charset=utf-8";
                    await context.Response.Body.WriteAsync(Body, context.RequestAborted).ConfigureAwait(false);
                }
                return;
            }
        }
        await _next(context).ConfigureAwait(false);
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Tickr.GraphQL.AspNetCore.WebSockets;

namespace Tickr.Graph.Auth;

/// <summary>
/// Registers authentication: JWT bearer tokens for HTTP requests and graphql-transport-ws connections, and partners'
/// API keys. A policy scheme (the default) forwards each request to the API-key handler when it presents a key
/// (<c>X-Api-Key</c> or <c>Authorization: ApiKey …</c>) and to the bearer handler otherwise.
/// </summary>
public static class TickrAuthenticationExtensions
{
    /// <summary>The default scheme: chooses bearer or API key by the request's headers.</summary>
    public const string PolicyScheme = "Tickr";

    public static WebApplicationBuilder AddTickrAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Read now, not lazily: a missing or weak key must stop the server before it listens.
        var auth = builder.Configuration.GetSection(TickrAuthOptions.Section).Get<TickrAuthOptions>() ?? new TickrAuthOptions();
        var key = TickrSigningKey.Resolve(auth.SigningKey, builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton(auth);

        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddScoped<SignIn>();

        builder.Services
            .AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "Bearer token or API key", options =>
                options.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.IsPresented(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = CreateValidationParameters(auth, key);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        // The WebSocket authenticator reads JwtBearerOptions (IOptionsMonitor), so both transports share one set of rules.
        builder.Services.AddSingleton<IWebSocketAuthenticator, JwtWebSocketAuthenticator>();
        return builder;
    }

    private static TokenValidationParameters CreateValidationParameters(TickrAuthOptions auth, TickrSigningKey key) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = auth.Issuer,
        ValidateAudience = true,
        ValidAudience = auth.Audience,
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = key.Key,
        // Only the algorithm the key is meant for: a token cannot pick a weaker one.
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = auth.ClockSkew,
        NameClaimType = TickrClaimTypes.Subject,
        RoleClaimType = TickrClaimTypes.Role,
    };
}

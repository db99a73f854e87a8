using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Tickr.GraphQL.AspNetCore.WebSockets;

namespace Tickr.Graph.Auth;

/// <summary>Registers JWT bearer authentication for HTTP requests and for graphql-transport-ws connections.</summary>
public static class TickrAuthenticationExtensions
{
    public static WebApplicationBuilder AddTickrAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Read now, not lazily: a missing or weak key must stop the server before it listens.
        var auth = builder.Configuration.GetSection(TickrAuthOptions.Section).Get<TickrAuthOptions>() ?? new TickrAuthOptions();
        var key = TickrSigningKey.Resolve(auth.SigningKey, builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton(auth);

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = CreateValidationParameters(auth, key);
            });

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

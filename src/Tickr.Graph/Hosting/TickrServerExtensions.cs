using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Domain.Notifications;
using Tickr.Domain.Payments;
using Tickr.Graph.Auth;
using Tickr.Graph.Email;
using Tickr.Graph.Live;
using Tickr.Graph.Notifications;
using Tickr.Graph.Ordering;
using Tickr.Graph.Payments;
using Tickr.Graph.Ticketing;
using Tickr.Graph.Schema;
using Tickr.Graph.WebApp;
using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Tickr.Graph.Hosting;

/// <summary>
/// Composes the Tickr server from configuration: subscription bus, JWT authentication, the GraphQL endpoint with its
/// IDE, and health endpoints. Domain modules add their services here and their schema types in <see cref="TickrSchema"/>.
/// </summary>
public static class TickrServerExtensions
{
    /// <summary>Limits and timeouts of the GraphQL endpoint, bound onto <c>GraphQLServerOptions</c>.</summary>
    public const string GraphQLSection = "Tickr:GraphQL";

    /// <summary>Serves the IDE in Production too when true; off there by default (it exposes the schema explorer).</summary>
    public const string IdeEnabledKey = "Tickr:Ide:Enabled";

    public const string GraphQLPath = "/graphql";

    public const string HealthPrefix = "/health";

    /// <summary>What the IDE shows first: the upcoming catalog, so a new user sees Tickr's data at once.</summary>
    public const string DefaultIdeQuery = """
        # Welcome to Tickr. Press ▶ to run this query; Ctrl+Space completes, the Docs pane describes every field.
        # Sign in with the `login` mutation (demo accounts are in the README) and send the access token as
        # `Authorization: Bearer …` in the Headers pane to see your own organization's drafts.
        query UpcomingEvents($search: String) {
          events(first: 5, where: { search: $search }) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {
              title
              localStartsAt
              venue { name city }
              organization { name }
              priceRange { min { formatted } max { formatted } }
              ticketTypes { name price { formatted } remaining isOnSale }
            }
          }
          categories { slug name }
        }
        """;

    public static WebApplicationBuilder AddTickrServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.TryAddSingleton(TimeProvider.System);
        // Created now, not on first use, so that startedAt is the server's start and not its first query.
        services.AddSingleton(new ServerInstance(builder.Environment.EnvironmentName, TimeProvider.System));

        // No Redis configured: one instance, in-process bus. Redis: every instance shares live updates, and readiness
        // reports the connection (Degraded, not Unhealthy, while it is down: the instance still serves its own clients).
        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddInMemorySubscriptions();
        }
        else
        {
            services.AddRedisSubscriptions(redis);
            services.AddHealthChecks().AddCheck<RedisSubscriptionBusHealthCheck>("redis-bus");
        }

        builder.AddTickrData();
        services.AddScoped<Commands.DemoSeed>();
        builder.AddTickrAuthentication();
        AddEmail(builder);
        services.AddSingleton<AuthRateLimiter>();
        AddSelling(builder);

        var development = builder.Environment.IsDevelopment();
        services.AddGraphQLServer(_ => TickrSchema.Build(), options =>
        {
            configuration.GetSection(GraphQLSection).Bind(options);
            // Exception messages can carry connection strings or SQL: never outside Development, whatever is configured.
            options.IncludeExceptionDetails = development;
        });
        return builder;
    }

    /// <summary>The email adapter: SMTP when <c>Tickr:Email:Smtp:Host</c> is set, the pickup folder otherwise.</summary>
    private static void AddEmail(WebApplicationBuilder builder)
    {
        builder.Services.AddTickrEmailSender(builder.Configuration);
        builder.Services.AddSingleton<AccountEmails>();
    }

    /// <summary>Selling and entry: payments, reservations and their sweeper, tickets' keys, live counts.</summary>
    private static void AddSelling(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SellingOptions>(builder.Configuration.GetSection(SellingOptions.Section));
        services.AddTickrPayments(builder.Configuration, builder.Environment);
        services.AddSingleton<Checkout>();
        services.AddSingleton<ReservationGate>();
        services.AddSingleton(sp => new SaleRulesCache(
            sp.GetRequiredService<IDbContextFactory<TickrDbContext>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<SellingOptions>>().Value.SaleRulesCacheDuration));
        services.AddSingleton<EventKeys>();
        services.AddSingleton<CheckInDoor>();
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<LiveEventDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveUpdates>());
        services.AddSingleton<ReservationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ReservationSweeper>());
        services.AddTickrNotifications(builder.Configuration);
    }

    public static WebApplication UseTickrServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseMiddleware<RejectInvalidCredentialsMiddleware>();

        app.MapGraphiQL(GraphQLPath, options =>
        {
            options.Enabled = app.Configuration.GetValue<bool?>(IdeEnabledKey);
            options.Title = "Tickr GraphQL";
            options.DefaultQuery = DefaultIdeQuery;
        });
        app.MapGraphQL(GraphQLPath);
        app.MapGraphQLHealth(HealthPrefix);
        app.MapTickrSellingEndpoints();
        app.MapTickrAttendeeExport();
        app.MapTickrWebApp();

        if (app.Services.GetRequiredService<IPaymentProviders>().Configured.Count == 0)
        {
            app.Logger.LogWarning("No payment provider is configured (Tickr:Payments:Stripe:SecretKey, Tickr:Payments:Clictopay:UserName): "
                + "free orders work, paid checkouts are refused.");
        }
        if (app.Services.GetRequiredService<TickrSigningKey>().IsGenerated)
        {
            // Once per process. The key itself is never logged: tokens are meant to come from a configured key.
            app.Logger.LogWarning(
                "{Key} is not set: using a random signing key generated for this process. Tokens issued by this process "
                + "validate, but not after a restart, and no other instance accepts them. Set it (at least 32 bytes) in any shared deployment.",
                TickrAuthOptions.Section + ":SigningKey");
        }
        return app;
    }
}

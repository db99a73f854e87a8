using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Tickr.Data;
using Tickr.Data.Identity;
using Tickr.Graph.Auth;

namespace Tickr.Graph.Hosting;

/// <summary>
/// The database from configuration: PostgreSQL when <c>ConnectionStrings:Tickr</c> is set, else an embedded SQLite
/// file; migrated at start-up; the demo data seeded into a new embedded database.
/// </summary>
public static class TickrDataHosting
{
    /// <summary>The SQLite file used when no PostgreSQL connection string is set (default <c>data/tickr.db</c> under the content root).</summary>
    public const string SqlitePathKey = "Tickr:Data:SqlitePath";

    /// <summary>Apply pending migrations when the server starts (default true; false when a deployment step runs <c>-- migrate</c>).</summary>
    public const string MigrateOnStartupKey = "Tickr:Data:MigrateOnStartup";

    /// <summary>
    /// Seed the demo data into an empty database at start-up: <c>auto</c> (default) seeds the embedded SQLite database
    /// only, <c>true</c> any empty database, <c>false</c> never.
    /// </summary>
    public const string SeedDemoKey = "Tickr:Data:SeedDemo";

    public static WebApplicationBuilder AddTickrData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var options = new TickrDataOptions
        {
            PostgresConnectionString = configuration.GetConnectionString(TickrDataOptions.ConnectionStringName),
            SqlitePath = configuration[SqlitePathKey] is { Length: > 0 } path
                ? Path.GetFullPath(path, builder.Environment.ContentRootPath)
                : Path.Combine(builder.Environment.ContentRootPath, "data", "tickr.db"),
        };
        builder.Services.AddTickrData(options);

        var auth = configuration.GetSection(TickrAuthOptions.Section).Get<TickrAuthOptions>() ?? new TickrAuthOptions();
        builder.Services
            .AddIdentityCore<TickrUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                // The user name is the email address (validated by Tickr's own EmailAddress rules).
                identity.User.AllowedUserNameCharacters = "";
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = auth.Lockout.MaxFailedAttempts;
                identity.Lockout.DefaultLockoutTimeSpan = auth.Lockout.Duration;
                identity.Password.RequiredLength = 10;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireUppercase = false;
                identity.Tokens.EmailConfirmationTokenProvider = EmailConfirmationTokenProvider.ProviderName;
                identity.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
            })
            .AddRoles<TickrRole>()
            .AddEntityFrameworkStores<TickrDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<EmailConfirmationTokenProvider>(EmailConfirmationTokenProvider.ProviderName)
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName);
        builder.Services.Configure<EmailConfirmationTokenProviderOptions>(o =>
        {
            o.Name = EmailConfirmationTokenProvider.ProviderName;
            o.TokenLifespan = auth.EmailConfirmationTokenLifetime;
        });
        builder.Services.Configure<PasswordResetTokenProviderOptions>(o =>
        {
            o.Name = PasswordResetTokenProvider.ProviderName;
            o.TokenLifespan = auth.PasswordResetTokenLifetime;
        });

        // Email and reset tokens are protected with Data Protection keys; kept in the database, every instance reads
        // the tokens the others issued, and they survive restarts.
        builder.Services.AddDataProtection()
            .SetApplicationName("Tickr")
            .PersistKeysToDbContext<TickrDbContext>();
        builder.Services.AddSingleton<RefreshTokenStore>();
        return builder;
    }

    /// <summary>Migrates (unless disabled) and seeds (as configured) before the server listens.</summary>
    public static async Task InitializeTickrDataAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var database = app.Services.GetRequiredService<TickrDatabase>();
        if (app.Configuration.GetValue(MigrateOnStartupKey, true))
        {
            var applied = await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            if (applied.Count > 0)
            {
                app.Logger.LogInformation("Applied {Count} migration(s) to the {Provider} database: {Migrations}", applied.Count, database.Provider, string.Join(", ", applied));
            }
        }
        var seed = app.Configuration[SeedDemoKey] ?? "auto";
        var wanted = seed.Equals("true", StringComparison.OrdinalIgnoreCase)
            || (seed.Equals("auto", StringComparison.OrdinalIgnoreCase) && database.Provider == DatabaseProvider.Sqlite);
        if (wanted && await database.IsEmptyAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var seeded = await scope.ServiceProvider.GetRequiredService<Commands.DemoSeed>().RunAsync(cancellationToken).ConfigureAwait(false);
            app.Logger.LogInformation("Seeded the demo data: {Summary}", seeded);
        }
    }
}

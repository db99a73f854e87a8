using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tickr.Data.Providers;

namespace Tickr.Data;

/// <summary>Registers Tickr's database: a pooled context factory for the configured provider.</summary>
public static class TickrDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{TContext}"/> of <see cref="TickrDbContext"/> (pooled), and a scoped
    /// <see cref="TickrDbContext"/> for services that need one per request (ASP.NET Core Identity's stores). Resolvers
    /// must not share the scoped one: they run concurrently, so each creates its own from the factory.
    /// EF Core interceptors registered as <see cref="IInterceptor"/> services (tracing, command counting in tests) are
    /// added to every context.
    /// </summary>
    public static IServiceCollection AddTickrData(this IServiceCollection services, TickrDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddPooledDbContextFactory<PostgresTickrDbContext>((sp, o) => TickrDbContextOptions.UsePostgres(o, options.PostgresConnectionString!).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.TryAddSingleton<IDbContextFactory<TickrDbContext>, ProviderContextFactory<PostgresTickrDbContext>>();
        }
        else
        {
            var path = Path.GetFullPath(options.SqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            services.AddPooledDbContextFactory<SqliteTickrDbContext>((sp, o) => TickrDbContextOptions.UseSqlite(o, path).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.TryAddSingleton<IDbContextFactory<TickrDbContext>, ProviderContextFactory<SqliteTickrDbContext>>();
        }
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<TickrDbContext>>().CreateDbContext());
        services.TryAddSingleton<TickrDatabase>();
        return services;
    }

    /// <summary>Hands out the provider's context as the common <see cref="TickrDbContext"/>.</summary>
    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<TickrDbContext>
        where TContext : TickrDbContext
    {
        public TickrDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<TickrDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tickr.Data.Providers;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build each provider's context without a host. The connection strings are
/// placeholders: adding a migration compares the model with the last snapshot and never connects.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTickrDbContext>
{
    public PostgresTickrDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresTickrDbContext>();
        TickrDbContextOptions.UsePostgres(builder, "Host=localhost;Database=tickr_design");
        return new PostgresTickrDbContext(builder.Options);
    }
}

/// <inheritdoc cref="PostgresDesignTimeFactory"/>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTickrDbContext>
{
    public SqliteTickrDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteTickrDbContext>();
        TickrDbContextOptions.UseSqlite(builder, "tickr-design.db");
        return new SqliteTickrDbContext(builder.Options);
    }
}

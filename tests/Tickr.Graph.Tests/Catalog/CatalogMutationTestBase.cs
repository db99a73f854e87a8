using Microsoft.EntityFrameworkCore.Diagnostics;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Catalog;

/// <summary>
/// The real server on this test class's own PostgreSQL database, with a <see cref="SaveBarrier"/> among its EF
/// interceptors for the concurrency tests. Each test arranges its own organizations, so tests of a class do not depend
/// on each other's data.
/// </summary>
public abstract class CatalogMutationTestBase(TickrPostgres database) : IAsyncLifetime
{
    protected SaveBarrier Barrier { get; } = new();

    protected CatalogApi Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Api = new CatalogApi(new TickrAppFactory()
            .WithSetting("ConnectionStrings:Tickr", database.ConnectionString)
            .WithService<IInterceptor>(Barrier));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

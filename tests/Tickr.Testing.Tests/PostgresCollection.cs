namespace Tickr.Testing.Tests;

/// <summary>
/// The PostgreSQL tests share the process's one cluster, and one of them restarts it: they run one at a time, so a
/// restart never breaks another test's connection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresCollection
{
    public const string Name = "PostgreSQL cluster";
}

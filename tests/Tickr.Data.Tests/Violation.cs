using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tickr.Data.Tests;

/// <summary>Assertions that the database itself refused a write, and with which constraint.</summary>
internal static class Violation
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintCheck = 275;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>A CHECK constraint refused the write (PostgreSQL 23514; SQLite SQLITE_CONSTRAINT_CHECK).</summary>
    public static void Check(Exception? thrown, DatabaseProvider provider, string constraint)
    {
        Assert.NotNull(thrown);
        if (provider == DatabaseProvider.PostgreSql)
        {
            var e = Find<PostgresException>(thrown);
            Assert.Equal(PostgresErrorCodes.CheckViolation, e.SqlState);
            Assert.Equal(constraint, e.ConstraintName);
        }
        else
        {
            var e = Find<SqliteException>(thrown);
            Assert.Equal(SqliteConstraint, e.SqliteErrorCode);
            Assert.Equal(SqliteConstraintCheck, e.SqliteExtendedErrorCode);
            Assert.Contains("CHECK constraint failed: " + constraint, e.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A unique index refused the write (PostgreSQL 23505 naming the index; SQLite SQLITE_CONSTRAINT_UNIQUE naming the
    /// columns, <c>table.column</c>).
    /// </summary>
    public static void Unique(Exception? thrown, DatabaseProvider provider, string postgresIndex, string sqliteColumns)
    {
        Assert.NotNull(thrown);
        if (provider == DatabaseProvider.PostgreSql)
        {
            var e = Find<PostgresException>(thrown);
            Assert.Equal(PostgresErrorCodes.UniqueViolation, e.SqlState);
            Assert.Equal(postgresIndex, e.ConstraintName);
        }
        else
        {
            var e = Find<SqliteException>(thrown);
            Assert.Equal(SqliteConstraint, e.SqliteErrorCode);
            Assert.Equal(SqliteConstraintUnique, e.SqliteExtendedErrorCode);
            Assert.Contains("UNIQUE constraint failed: " + sqliteColumns, e.Message, StringComparison.Ordinal);
        }
    }

    private static T Find<T>(Exception thrown) where T : Exception
    {
        for (Exception? e = thrown; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }
        throw new Xunit.Sdk.XunitException($"Expected a {typeof(T).Name}, got: {thrown}");
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Tickr.Data;

/// <summary>
/// Reads constraint violations out of a failed save, the same way on both providers: PostgreSQL reports SQLSTATE
/// 23505 (unique) or 23514 (check) with the constraint's name; SQLite reports error 19 with an extended code and a
/// message naming the columns (<c>UNIQUE constraint failed: events.slug</c>) or the check. The unique index is mapped
/// back to the entity and properties of the EF model, so callers match on <c>(Event, Slug)</c>, never on SQL names.
/// This is the one place that knows provider error codes.
/// </summary>
public static class DatabaseErrors
{
    private const string PostgresUniqueViolation = "23505";
    private const string PostgresCheckViolation = "23514";
    private const string PostgresForeignKeyViolation = "23503";
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintCheck = 275;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// True when the save failed on a unique index or key; <paramref name="violation"/> names the entity and
    /// properties when the model knows the index (null otherwise, e.g. a constraint added by hand).
    /// </summary>
    public static bool IsUniqueViolation(DbContext db, DbUpdateException exception, out UniqueViolation? violation)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(exception);
        violation = null;
        switch (exception.InnerException)
        {
            case PostgresException { SqlState: PostgresUniqueViolation } pg:
                violation = FromIndexName(db.Model, pg.TableName, pg.ConstraintName);
                return true;
            case SqliteException { SqliteErrorCode: SqliteConstraint } sqlite
                when sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey:
                violation = FromSqliteMessage(db.Model, sqlite.Message);
                return true;
            default:
                return false;
        }
    }

    /// <summary>True when the save failed on a CHECK constraint; <paramref name="constraint"/> is its name (e.g. <c>ck_ticket_types_inventory</c>).</summary>
    public static bool IsCheckViolation(DbUpdateException exception, out string? constraint)
    {
        ArgumentNullException.ThrowIfNull(exception);
        constraint = null;
        switch (exception.InnerException)
        {
            case PostgresException { SqlState: PostgresCheckViolation } pg:
                constraint = pg.ConstraintName;
                return true;
            case SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintCheck } sqlite:
                constraint = After(sqlite.Message, "CHECK constraint failed: ")?.Trim();
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// True when a statement failed on a foreign key (a row it refers to is gone): PostgreSQL's 23503, SQLite's
    /// SQLITE_CONSTRAINT_FOREIGNKEY. Takes the provider's exception itself (raw ADO.NET commands) or EF's wrapper.
    /// </summary>
    public static bool IsForeignKeyViolation(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return (exception is DbUpdateException { InnerException: { } inner } ? inner : exception) switch
        {
            PostgresException { SqlState: PostgresForeignKeyViolation } => true,
            SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintForeignKey } => true,
            _ => false,
        };
    }

    private static UniqueViolation? FromIndexName(IModel model, string? table, string? indexName)
    {
        if (indexName is null)
        {
            return null;
        }
        foreach (var entity in model.GetEntityTypes())
        {
            if (table is not null && entity.GetTableName() != table)
            {
                continue;
            }
            foreach (var index in entity.GetIndexes())
            {
                if (index.IsUnique && index.GetDatabaseName() == indexName)
                {
                    return new UniqueViolation(entity.ClrType, [.. index.Properties.Select(p => p.Name)]);
                }
            }
            if (entity.FindPrimaryKey() is { } key && key.GetName() == indexName)
            {
                return new UniqueViolation(entity.ClrType, [.. key.Properties.Select(p => p.Name)]);
            }
        }
        return null;
    }

    /// <summary>SQLite: <c>SQLite Error 19: 'UNIQUE constraint failed: promo_codes.event_id, promo_codes.code'.</c></summary>
    private static UniqueViolation? FromSqliteMessage(IModel model, string message)
    {
        var list = After(message, "constraint failed: ");
        if (list is null)
        {
            return null;
        }
        var columns = list.TrimEnd('.', '\'', ' ').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (columns.Length == 0 || columns[0].IndexOf('.', StringComparison.Ordinal) is <= 0)
        {
            return null;
        }
        var table = columns[0][..columns[0].IndexOf('.', StringComparison.Ordinal)];
        var names = columns.Select(c => c[(c.IndexOf('.', StringComparison.Ordinal) + 1)..]).ToArray();
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.GetTableName() != table)
            {
                continue;
            }
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            IEnumerable<IReadOnlyList<IProperty>> keys = entity.GetIndexes().Where(i => i.IsUnique).Select(i => i.Properties);
            if (entity.FindPrimaryKey() is { } primaryKey)
            {
                keys = keys.Append(primaryKey.Properties);
            }
            foreach (var properties in keys)
            {
                if (properties.Select(p => p.GetColumnName(store)).SequenceEqual(names, StringComparer.Ordinal))
                {
                    return new UniqueViolation(entity.ClrType, [.. properties.Select(p => p.Name)]);
                }
            }
        }
        return null;
    }

    private static string? After(string message, string marker)
    {
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : message[(at + marker.Length)..].TrimEnd('.', '\'', ' ');
    }
}

/// <summary>A unique index or key refused a row: the entity type and the properties the index covers.</summary>
/// <param name="EntityType">The CLR type of the entity, e.g. <c>Event</c>.</param>
/// <param name="Properties">The indexed properties, e.g. <c>["Slug"]</c> or <c>["EventId", "Code"]</c>.</param>
public sealed record UniqueViolation(Type EntityType, IReadOnlyList<string> Properties)
{
    /// <summary>Whether the index is on <typeparamref name="T"/> and covers <paramref name="property"/>.</summary>
    public bool Is<T>(string property) => EntityType == typeof(T) && Properties.Contains(property);
}

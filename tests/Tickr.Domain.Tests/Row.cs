namespace Tickr.Domain.Tests;

/// <summary>
/// Sets state that only the database writes: sold and held counts are changed by the reservation and payment use
/// cases with atomic SQL updates (Tickr.Data), and a refresh token is marked used by the rotation in SQL, so the
/// domain has no public method for them. EF Core materializes loaded rows through the same private setters; this
/// helper does what it does, so a test can start from "a ticket type with 30 sold" without production code for tests.
/// </summary>
internal static class Row
{
    public static T With<T>(this T entity, string property, object? value) where T : class
    {
        var info = typeof(T).GetProperty(property)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {property}.");
        info.SetValue(entity, value);
        return entity;
    }
}

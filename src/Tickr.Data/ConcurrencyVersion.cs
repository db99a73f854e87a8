using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tickr.Data;

/// <summary>
/// Optimistic concurrency for aggregates edited through the API: a <c>version</c> column, bumped on every update and
/// checked by the UPDATE's WHERE clause, so two organizers editing the same event cannot overwrite each other
/// silently (the second gets a <see cref="DbUpdateConcurrencyException"/>). One mechanism on both providers.
/// </summary>
internal static class ConcurrencyVersion
{
    public const string Property = "Version";

    public static void Configure<T>(EntityTypeBuilder<T> builder) where T : class =>
        builder.Property<int>(Property).IsConcurrencyToken();

    public static void Bump(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(Property) is not null)
            {
                var version = entry.Property(Property);
                version.CurrentValue = (int)version.OriginalValue! + 1;
            }
        }
    }
}

using Tickr.Domain.Catalog;

namespace Tickr.Data.Catalog;

/// <summary>The categories every Tickr database starts with (seeded by the initial migration, fixed ids).</summary>
public static class StandardCategories
{
    public static IReadOnlyList<Category> All { get; } =
    [
        new(Guid.Parse("0193a000-0000-7000-8000-000000000001"), "concerts", "Concerts"),
        new(Guid.Parse("0193a000-0000-7000-8000-000000000002"), "theatre", "Théâtre"),
        new(Guid.Parse("0193a000-0000-7000-8000-000000000003"), "festivals", "Festivals"),
        new(Guid.Parse("0193a000-0000-7000-8000-000000000004"), "sport", "Sport"),
        new(Guid.Parse("0193a000-0000-7000-8000-000000000005"), "conferences", "Conférences"),
        new(Guid.Parse("0193a000-0000-7000-8000-000000000006"), "humour", "Humour"),
        new(Guid.Parse("0193a000-0000-7000-8000-000000000007"), "expositions", "Expositions"),
        new(Guid.Parse("0193a000-0000-7000-8000-000000000008"), "famille", "Famille"),
    ];
}

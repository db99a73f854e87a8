using System.Linq.Expressions;
using System.Reflection;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Scalars;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// A code-first resolver that only reads a synchronous property of the parent object. Its
/// <see cref="Resolve"/> method is the field's <see cref="FieldResolver"/>; the executor recognises the delegate's
/// target and calls <see cref="Read"/> directly, without a resolver context or a ValueTask.
/// </summary>
internal sealed class ParentMemberResolver
{
    private static readonly MethodInfo BoxInt = typeof(ScalarHelpers).GetMethod(nameof(ScalarHelpers.Box), [typeof(int)])!;
    private static readonly MethodInfo BoxBool = typeof(ScalarHelpers).GetMethod(nameof(ScalarHelpers.Box), [typeof(bool)])!;
    private static readonly MethodInfo BoxNullableInt = typeof(ParentMemberResolver).GetMethod(nameof(BoxNullable), BindingFlags.NonPublic | BindingFlags.Static, [typeof(int?)])!;
    private static readonly MethodInfo BoxNullableBool = typeof(ParentMemberResolver).GetMethod(nameof(BoxNullable), BindingFlags.NonPublic | BindingFlags.Static, [typeof(bool?)])!;

    private ParentMemberResolver(Func<object?, object?> read) => Read = read;

    /// <summary>Reads the member of the parent and boxes it (small ints and booleans from shared boxes).</summary>
    public readonly Func<object?, object?> Read;

    public ValueTask<object?> Resolve(IResolverContext context) => new(Read(context.Parent));

    /// <summary>The resolver for an instance property of the parent, compiled once.</summary>
    public static FieldResolver Create(PropertyInfo property, string name)
    {
        var parent = Expression.Parameter(typeof(object), "parent");
        var declaring = property.DeclaringType!;
        var access = Expression.Property(Expression.Convert(parent, declaring), property);
        var read = Expression.Lambda<Func<object?, object?>>(ToObject(access), name, [parent]).Compile();
        return new ParentMemberResolver(read).Resolve;
    }

    /// <summary>Converts a member value to object, reusing the cached boxes of small ints and booleans.</summary>
    internal static Expression ToObject(Expression value)
    {
        var type = value.Type;
        if (type == typeof(int)) return Expression.Call(BoxInt, value);
        if (type == typeof(bool)) return Expression.Call(BoxBool, value);
        if (type == typeof(int?)) return Expression.Call(BoxNullableInt, value);
        if (type == typeof(bool?)) return Expression.Call(BoxNullableBool, value);
        return Expression.Convert(value, typeof(object));
    }

    private static object? BoxNullable(int? value) => value.HasValue ? ScalarHelpers.Box(value.GetValueOrDefault()) : null;

    private static object? BoxNullable(bool? value) => value.HasValue ? ScalarHelpers.Box(value.GetValueOrDefault()) : null;
}

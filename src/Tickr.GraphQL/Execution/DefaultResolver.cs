using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// The resolver used when a field has none: a dictionary entry named like the field, or else a public instance
/// property or field of the parent (exact name first, then ignoring case). Member access is compiled once per
/// (CLR type, field name) and cached; the last getter used is also cached on the field plan, so the common case
/// costs one type check and one delegate call.
/// </summary>
internal static class DefaultResolver
{
    internal sealed class Getter(Type type, Func<object, object?>? read)
    {
        public readonly Type Type = type;
        public readonly Func<object, object?>? Read = read;
    }

    private static readonly ConcurrentDictionary<(Type, string), Getter> Getters = new();

    public static object? Resolve(FieldPlan plan, object? source)
    {
        switch (source)
        {
            case null:
                return null;
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(plan.Field!.Name, out var value) ? value : null;
            case IDictionary<string, object?> dictionary:
                return dictionary.TryGetValue(plan.Field!.Name, out var entry) ? entry : null;
            case IDictionary legacy:
                return legacy.Contains(plan.Field!.Name) ? legacy[plan.Field.Name] : null;
        }

        var type = source.GetType();
        var getter = plan.Getter;
        if (getter is null || getter.Type != type)
        {
            getter = Getters.GetOrAdd((type, plan.Field!.Name), static key => new Getter(key.Item1, Compile(key.Item1, key.Item2)));
            plan.Getter = getter;
        }
        return getter.Read?.Invoke(source);
    }

    private static Func<object, object?>? Compile(Type type, string name)
    {
        var member = FindMember(type, name, StringComparison.Ordinal) ?? FindMember(type, name, StringComparison.OrdinalIgnoreCase);
        if (member is null)
        {
            return null;
        }
        var parameter = Expression.Parameter(typeof(object), "source");
        var typed = type.IsValueType ? Expression.Unbox(parameter, type) : (Expression)Expression.Convert(parameter, type);
        Expression access = member is PropertyInfo p ? Expression.Property(typed, p) : Expression.Field(typed, (FieldInfo)member);
        var body = ParentMemberResolver.ToObject(access);
        return Expression.Lambda<Func<object, object?>>(body, parameter).Compile();
    }

    private static MemberInfo? FindMember(Type type, string name, StringComparison comparison)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is not null && string.Equals(property.Name, name, comparison))
            {
                return property;
            }
        }
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (string.Equals(field.Name, name, comparison)) return field;
        }
        return null;
    }
}

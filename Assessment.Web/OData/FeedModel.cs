using System.Reflection;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies.V1;

namespace Assessment.Web.OData;

/// <summary>
/// The EDM model of the feed, built in code from the <see cref="FeedSet"/>s: one entity type per row type
/// (named after it without the <c>Row</c> suffix), one entity set per set, single-valued navigations
/// bound to their target sets, and capability annotations that say what the feed supports.
/// </summary>
public sealed class FeedModel
{
    public const string Namespace = "Assessment";

    private readonly Dictionary<string, FeedSet> setsByName;
    private readonly Dictionary<Type, EdmEntityType> types = [];

    public FeedModel(IEnumerable<FeedSet> sets)
    {
        Sets = sets.ToList();
        setsByName = Sets.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var model = new EdmModel();
        var container = new EdmEntityContainer(Namespace, "Container");
        model.AddElement(container);
        var edmSets = new Dictionary<string, EdmEntitySet>(StringComparer.Ordinal);
        foreach (var set in Sets)
        {
            var type = new EdmEntityType(Namespace, TypeName(set.RowType));
            foreach (var property in FeedRowProperties.Of(set.RowType))
            {
                var structural = type.AddStructuralProperty(property.Name, TypeReference(property));
                if (property.Name == set.KeyProperty)
                {
                    type.AddKeys(structural);
                }
            }

            if (type.DeclaredKey is null || !type.DeclaredKey.Any())
            {
                throw new InvalidOperationException($"Feed set {set.Name}: the key property {set.KeyProperty} is not a property of {set.RowType.Name}.");
            }

            model.AddElement(type);
            types[set.RowType] = type;
            var edmSet = container.AddEntitySet(set.Name, type);
            edmSets[set.Name] = edmSet;
            model.SetDescriptionAnnotation(edmSet, set.Description);
        }

        foreach (var set in Sets)
        {
            var type = types[set.RowType];
            foreach (var navigation in set.Navigations)
            {
                var target = Set(navigation.TargetSet);
                var foreignKey = set.RowType.GetProperty(navigation.ForeignKey)
                    ?? throw new InvalidOperationException($"Feed set {set.Name}: navigation {navigation.Name} names a missing property {navigation.ForeignKey}.");
                var nullable = Nullable.GetUnderlyingType(foreignKey.PropertyType) is not null;
                var property = type.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
                {
                    Name = navigation.Name,
                    Target = types[target.RowType],
                    TargetMultiplicity = nullable ? EdmMultiplicity.ZeroOrOne : EdmMultiplicity.One,
                    DependentProperties = [type.FindProperty(navigation.ForeignKey) as IEdmStructuralProperty],
                    PrincipalProperties = types[target.RowType].Key(),
                });
                edmSets[set.Name].AddNavigationTarget(property, edmSets[target.Name]);
            }
        }

        Annotate(model, container, edmSets.Values);
        Edm = model;
        Container = container;
    }

    public IEdmModel Edm { get; }

    public IEdmEntityContainer Container { get; }

    public IReadOnlyList<FeedSet> Sets { get; }

    public FeedSet Set(string name) =>
        setsByName.TryGetValue(name, out var set) ? set : throw new InvalidOperationException($"No feed set named {name}.");

    public IEdmEntityType EntityType(FeedSet set) => types[set.RowType];

    private static string TypeName(Type rowType) =>
        rowType.Name.EndsWith("Row", StringComparison.Ordinal) ? rowType.Name[..^3] : rowType.Name;

    private static IEdmPrimitiveTypeReference TypeReference(PropertyInfo property)
    {
        var underlying = Nullable.GetUnderlyingType(property.PropertyType);
        var clr = underlying ?? property.PropertyType;
        var nullable = underlying is not null
            || (!clr.IsValueType && property.GetCustomAttribute<FeedRequiredAttribute>() is null);
        var core = EdmCoreModel.Instance;
        return clr switch
        {
            _ when clr == typeof(string) => core.GetString(nullable),
            _ when clr == typeof(int) => core.GetInt32(nullable),
            _ when clr == typeof(long) => core.GetInt64(nullable),
            _ when clr == typeof(bool) => core.GetBoolean(nullable),
            _ when clr == typeof(double) => core.GetDouble(nullable),
            // Scale "variable": scores carry as many decimals as the engine computed (no Scale attribute would mean 0).
            _ when clr == typeof(decimal) => new EdmDecimalTypeReference(core.GetPrimitiveType(EdmPrimitiveTypeKind.Decimal), nullable, precision: null, scale: null),
            _ when clr == typeof(DateTimeOffset) => core.GetDateTimeOffset(nullable),
            _ when clr == typeof(DateOnly) => core.GetDate(nullable),
            _ => throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: {clr.Name} has no OData type in the feed."),
        };
    }

    // The truth about what the feed supports, for clients that read capabilities.
    private static void Annotate(EdmModel model, EdmEntityContainer container, IEnumerable<EdmEntitySet> sets)
    {
        const string capabilities = "Org.OData.Capabilities.V1";
        var batch = new EdmTerm(capabilities, "BatchSupported", EdmPrimitiveTypeKind.Boolean);
        var top = new EdmTerm(capabilities, "TopSupported", EdmPrimitiveTypeKind.Boolean);
        var skip = new EdmTerm(capabilities, "SkipSupported", EdmPrimitiveTypeKind.Boolean);
        model.SetVocabularyAnnotation(new EdmVocabularyAnnotation(container, batch, new EdmBooleanConstant(false)));
        foreach (var set in sets)
        {
            model.SetVocabularyAnnotation(new EdmVocabularyAnnotation(set, top, new EdmBooleanConstant(true)));
            model.SetVocabularyAnnotation(new EdmVocabularyAnnotation(set, skip, new EdmBooleanConstant(true)));
        }

        model.SetEdmReferences(
        [
            Reference("https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml", "Org.OData.Core.V1", "Core"),
            Reference("https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml", capabilities, "Capabilities"),
        ]);
    }

    private static EdmReference Reference(string uri, string ns, string alias)
    {
        var reference = new EdmReference(new Uri(uri));
        reference.AddInclude(new EdmInclude(alias, ns));
        return reference;
    }
}

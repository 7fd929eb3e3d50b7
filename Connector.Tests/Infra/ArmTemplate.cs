using System.Text.Json.Nodes;

namespace Connector.Tests.Infra;

/// <summary>
/// One template of a compiled ARM deployment: the root (infra/main.bicep) or a module, which ARM holds as a
/// nested <c>Microsoft.Resources/deployments</c> with an inner <c>template</c>. Parameters and variables
/// evaluate with <see cref="ArmScope"/>: a module's parameters from what its parent passes, else their defaults.
/// </summary>
public sealed class ArmTemplate
{
    private readonly Dictionary<string, object?> _variables = [];
    private readonly Dictionary<string, object?> _parameters = [];
    private readonly Func<string, object?> _passedParameter;

    private ArmTemplate(string name, JsonObject template, Func<string, object?> passedParameter)
    {
        Name = name;
        Template = template;
        _passedParameter = passedParameter;
        Scope = new ArmScope(Parameter, Variable);
        Resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>().ToList(), // languageVersion 2.0
            _ => [],
        };
        Modules = Resources
            .Where(r => IsType(r, "Microsoft.Resources/deployments") && r["properties"]?["template"] is JsonObject)
            .Select(Module)
            .ToList();
    }

    /// <summary>The deployment name ("main" for the root, the module's deployment name otherwise).</summary>
    public string Name { get; }
    public JsonObject Template { get; }
    public ArmScope Scope { get; }
    public IReadOnlyList<JsonObject> Resources { get; }
    public IReadOnlyList<ArmTemplate> Modules { get; }

    /// <summary>The template's declared parameters (type, defaultValue, ...).</summary>
    public JsonObject ParameterDeclarations => Template["parameters"] as JsonObject ?? [];

    /// <summary>This template and every module under it.</summary>
    public IEnumerable<ArmTemplate> All => Modules.SelectMany(m => m.All).Prepend(this);

    public static ArmTemplate Root(JsonObject template, IReadOnlyDictionary<string, object?> parameters) =>
        new("main", template, name => parameters.TryGetValue(name, out var value) ? new Passed(value) : null);

    /// <summary>Resources of a type (not <c>existing</c> references).</summary>
    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => IsType(r, type) && r["existing"]?.GetValue<bool>() != true);

    /// <summary>The one module whose own resources include one of this type.</summary>
    public ArmTemplate ModuleDeclaring(string type) =>
        Assert.Single(All, t => t.OfType(type).Any());

    public object? Parameter(string name)
    {
        if (_parameters.TryGetValue(name, out var cached))
        {
            return cached;
        }
        object? value;
        if (_passedParameter(name) is Passed passed)
        {
            value = passed.Value;
        }
        else if (ParameterDeclarations[name] is JsonObject declaration && declaration.ContainsKey("defaultValue"))
        {
            value = Scope.Evaluate(declaration["defaultValue"]);
        }
        else
        {
            throw new InvalidOperationException($"Parameter '{name}' of {Name} has no value and no default.");
        }
        return _parameters[name] = value;
    }

    public object? Variable(string name)
    {
        if (!_variables.TryGetValue(name, out var value))
        {
            var node = (Template["variables"] as JsonObject)?[name] ?? throw new InvalidOperationException($"No variable '{name}' in {Name}.");
            _variables[name] = value = Scope.Evaluate(node);
        }
        return value;
    }

    public static bool IsType(JsonObject resource, string type) =>
        string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase);

    private ArmTemplate Module(JsonObject deployment)
    {
        var name = ArmScope.AsText(Scope.Evaluate(deployment["name"]));
        var passed = deployment["properties"]?["parameters"] as JsonObject ?? [];
        return new ArmTemplate(name, (JsonObject)deployment["properties"]!["template"]!, parameter =>
        {
            if (passed[parameter] is not { } node)
            {
                return null;
            }
            // { "value": ... } or an expression that makes one (createObject('value', ...)).
            var wrapper = Scope.Evaluate(node) as Dictionary<string, object?>
                ?? throw new InvalidOperationException($"Parameter '{parameter}' of module {name} is not {{ value: ... }}.");
            return new Passed(wrapper["value"]);
        });
    }

    private sealed record Passed(object? Value);
}

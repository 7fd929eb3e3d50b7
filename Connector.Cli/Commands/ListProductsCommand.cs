using System.CommandLine;
using System.Globalization;
using Connector.Cli.Output;
using Connector.Core.SuperOffice;

namespace Connector.Cli.Commands;

/// <summary><c>list-products</c>: the product families (id, name, deleted), deleted ones included.</summary>
public static class ListProductsCommand
{
    public static Command Create(CommandBinder binder) => binder.Bind(
        new Command("list-products", "List the product families (id, name, deleted)."),
        async (scope, cancellationToken) =>
        {
            var families = await scope.Get<SuperOfficeClient>().GetProductFamiliesAsync(includeDeleted: true, cancellationToken).ConfigureAwait(false);
            var views = families.Select(f => new ProductFamilyView(f.Id, f.Name, f.Deleted)).ToList();
            if (scope.Json)
            {
                scope.WriteJson(views, CliJson.Output.ListProductFamilyView);
                return ExitCodes.Success;
            }
            var table = new TextTable("ID", "NAME", "DELETED");
            foreach (var family in views)
            {
                table.Add(family.Id.ToString(CultureInfo.InvariantCulture), family.Name, family.Deleted ? "yes" : "no");
            }
            table.WriteTo(scope.Out);
            scope.Out.WriteLine($"{views.Count} product famil{(views.Count == 1 ? "y" : "ies")}.");
            return ExitCodes.Success;
        });
}

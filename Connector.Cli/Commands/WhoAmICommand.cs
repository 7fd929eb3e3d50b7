using System.CommandLine;
using System.Globalization;
using Connector.Cli.Output;
using Connector.Core.Configuration;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>who-am-i</c>: the API user (<c>User/currentPrincipal</c>) and whether its associate id is the one
/// <c>SuperOffice:ApiAssociateId</c> holds. Runs when that setting is still unset: this is how it is found.
/// </summary>
public static class WhoAmICommand
{
    public static Command Create(CommandBinder binder) => binder.Bind(
        new Command("who-am-i", "Show the API user SuperOffice signs us in as, and whether SuperOffice:ApiAssociateId matches it."),
        async (scope, cancellationToken) =>
        {
            scope.ConfigureServices(services =>
            {
                // The one setting this command exists to find may be unset; everything else is still checked.
                var validators = services.Where(d => d.ServiceType == typeof(IValidateOptions<SuperOfficeOptions>)).ToList();
                foreach (var validator in validators)
                {
                    services.Remove(validator);
                    services.AddSingleton<IValidateOptions<SuperOfficeOptions>>(sp => new ApiAssociateIdOptional(
                        (IValidateOptions<SuperOfficeOptions>)(validator.ImplementationInstance
                                                               ?? validator.ImplementationFactory?.Invoke(sp)
                                                               ?? ActivatorUtilities.CreateInstance(sp, validator.ImplementationType!))));
                }
            });
            var configured = scope.Options<SuperOfficeOptions>();
            var principal = await scope.Get<SuperOfficeClient>().GetCurrentPrincipalAsync(cancellationToken).ConfigureAwait(false);
            var matches = configured.ApiAssociateId == principal.AssociateId;
            var advice = matches
                ? null
                : $"Set SuperOffice:ApiAssociateId={principal.AssociateId.ToString(CultureInfo.InvariantCulture)} " +
                  $"(SuperOffice__ApiAssociateId in local.settings.json, .env or the app settings); it is {(configured.ApiAssociateId > 0 ? configured.ApiAssociateId.ToString(CultureInfo.InvariantCulture) : "not set")}.";
            var report = new WhoAmIReport(principal.AssociateId, principal.Associate, principal.FullName, principal.UserName,
                principal.UserType, principal.DatabaseContextIdentifier ?? configured.ContextIdentifier, configured.ApiAssociateId > 0 ? configured.ApiAssociateId : null, matches, advice);

            if (scope.Json)
            {
                scope.WriteJson(report, CliJson.Output.WhoAmIReport);
            }
            else
            {
                scope.Out.WriteLine($"Associate id  {report.AssociateId}");
                scope.Out.WriteLine($"Associate     {report.Associate}");
                scope.Out.WriteLine($"Name          {report.FullName}");
                scope.Out.WriteLine($"User name     {report.UserName}");
                scope.Out.WriteLine($"User type     {report.UserType}");
                scope.Out.WriteLine($"Tenant        {report.Tenant}");
                scope.Out.WriteLine(matches
                    ? $"SuperOffice:ApiAssociateId is {report.AssociateId}: it matches."
                    : $"SuperOffice:ApiAssociateId does not match. {advice}");
            }
            return matches ? ExitCodes.Success : throw new CliFailureException("SuperOffice:ApiAssociateId does not match the API user. " + advice);
        });
}

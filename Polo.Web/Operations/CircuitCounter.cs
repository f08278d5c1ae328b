using Microsoft.AspNetCore.Components.Server.Circuits;
using Polo.Data.Telemetry;

namespace Polo.Web.Operations;

/// <summary>Counts open Blazor circuits (<c>polo.circuits.open</c>).</summary>
public sealed class CircuitCounter : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PoloTelemetry.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PoloTelemetry.CircuitClosed();
        return Task.CompletedTask;
    }
}

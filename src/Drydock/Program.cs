using Drydock.Commands;

return await CommandCatalog.InvokeAsync(args);

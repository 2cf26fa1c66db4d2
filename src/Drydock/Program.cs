using Drydock.Commands;

return await CommandCatalog.CreateRootCommand().Parse(args).InvokeAsync();

"""One module per outlet. Outlets on a shared CMS subclass that CMS's base spider."""

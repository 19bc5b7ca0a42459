"""Images and documents: renditions, upload metadata, signed links."""

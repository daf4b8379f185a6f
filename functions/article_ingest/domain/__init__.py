"""The pure domain: contracts and rules with no AWS in them."""

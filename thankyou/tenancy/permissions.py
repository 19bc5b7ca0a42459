"""Who may do what with shops and their rows in the admin: one policy for all."""

from wagtail.permission_policies import ModelPermissionPolicy

from thankyou.tenancy.scoping import owned_shops, scope, shops_of

ALL_ACTIONS = frozenset({"add", "change", "delete", "view"})


class ShopScopedPolicy(ModelPermissionPolicy):
    """
    ``actions`` on the rows of the user's shops (of the shops they own, with
    ``owners_only``), found through ``via`` (see ``scope``). Superusers may
    do ``superuser_actions`` (by default the same) on every shop's rows.
    """

    def __init__(
        self, model, actions=ALL_ACTIONS, owners_only=False, via="shop", superuser_actions=None
    ):
        super().__init__(model)
        self.actions = frozenset(actions)
        self.superuser_actions = frozenset(superuser_actions or actions)
        self.owners_only, self.via = owners_only, via

    def scope(self, queryset, user):
        return scope(queryset, user, self.via, self.owners_only)

    def _may(self, user, action):
        allowed = self.superuser_actions if user.is_superuser else self.actions
        return user.is_active and action in allowed

    def user_has_permission(self, user, action):
        shops = owned_shops(user) if self.owners_only else shops_of(user)
        return self._may(user, action) and (user.is_superuser or shops.exists())

    def user_has_permission_for_instance(self, user, action, instance):
        rows = self.model._default_manager.filter(pk=instance.pk)
        return self._may(user, action) and self.scope(rows, user).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        allowed = self.superuser_actions if user.is_superuser else self.actions
        if user.is_active and allowed & set(actions):
            return self.scope(self.model._default_manager.all(), user)
        return self.model._default_manager.none()


class ShopPermissionPolicy(ShopScopedPolicy):
    """
    Superusers create and delete shops; a shop's owners view and change it
    (its settings, origins, branding and secrets). Editors cannot see it.
    """

    def __init__(self, model):
        super().__init__(
            model, {"change", "view"}, owners_only=True, via="", superuser_actions=ALL_ACTIONS
        )

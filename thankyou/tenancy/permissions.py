"""Who may do what with shops in the admin."""

from wagtail.permission_policies import ModelPermissionPolicy

from thankyou.tenancy.scoping import owned_shops

OWNER_ACTIONS = {"change", "view"}


class ShopPermissionPolicy(ModelPermissionPolicy):
    """
    Superusers create and delete shops; a shop's owners view and change it
    (its settings, origins, branding and secrets). Editors cannot see it.
    """

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        return action in OWNER_ACTIONS and owned_shops(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        return action in OWNER_ACTIONS and instance.is_owner(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if user.is_active and (user.is_superuser or OWNER_ACTIONS & set(actions)):
            return owned_shops(user)
        return self.model.objects.none()

// govuk-frontend ships JavaScript without type declarations; these cover the parts this app uses.
declare module "govuk-frontend" {
  export class Component {
    constructor($root: Element | null, config?: Record<string, unknown>);
    static moduleName: string;
  }
  export class Button extends Component {}
  export class Checkboxes extends Component {}
  export class ErrorSummary extends Component {}
  export class NotificationBanner extends Component {}
  export class PasswordInput extends Component {}
  export class Radios extends Component {}
  export class ServiceNavigation extends Component {}
  export class SkipLink extends Component {}
  export function isSupported($scope?: HTMLElement | null): boolean;
}
